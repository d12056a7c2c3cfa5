#include "ValueTree.h"

#include <QtCore/private/qnumeric_p.h>

#include <algorithm>
#include <optional>

namespace aws::tree {

namespace {

using QtCbor::Element;

const QtCbor::ByteData *byteData(const char *bytes, const Element &e)
{
    if (!(e.flags & Element::HasByteData))
        return nullptr;
    return reinterpret_cast<const QtCbor::ByteData *>(bytes + e.value);
}

// Qt's key order (qjsonparser.cpp's sortContainer, which look-ups rely on):
// 8-bit keys (ASCII or UTF-8) compare as bytes, UTF-16 ones as UTF-16, mixed
// pairs through the exported compareStrings overloads.
int compareKeys(const char *bytes, const Element &a, const Element &b)
{
    const QtCbor::ByteData *x = byteData(bytes, a);
    const QtCbor::ByteData *y = byteData(bytes, b);
    if (!x)
        return y ? -1 : 0;
    if (!y)
        return 1;
    const bool x16 = a.flags & Element::StringIsUtf16;
    const bool y16 = b.flags & Element::StringIsUtf16;
    if (!x16 && !y16) {
        // Keys are short and mostly differ early: a loop beats a memcmp call.
        const auto *p = reinterpret_cast<const uchar *>(x->byte());
        const auto *q = reinterpret_cast<const uchar *>(y->byte());
        const qsizetype n = std::min(x->len, y->len);
        for (qsizetype i = 0; i < n; ++i)
            if (p[i] != q[i])
                return p[i] < q[i] ? -1 : 1;
        return x->len < y->len ? -1 : x->len > y->len ? 1 : 0;
    }
    if (x16 && y16)
        return QtPrivate::compareStrings(x->asStringView(), y->asStringView());
    if (x16)
        return QtPrivate::compareStrings(x->asStringView(), y->asUtf8StringView());
    return QtPrivate::compareStrings(x->asUtf8StringView(), y->asStringView());
}

// "1709294400.123": digits, a point, digits, at most 15 in all. The digits
// as an integer and the power of ten are both exact doubles, so one division
// is correctly rounded (Clinger's fast path): the very double toDouble() gives.
std::optional<double> exactDecimal(QByteArrayView text)
{
    static constexpr double kPowers[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                         1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char *p = text.data();
    const char *end = p + text.size();
    const bool negative = p < end && *p == '-';
    if (negative)
        ++p;
    qint64 mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (; p < end; ++p) {
        if (*p >= '0' && *p <= '9') {
            mantissa = mantissa * 10 + (*p - '0');
            if (++digits > 15)
                return std::nullopt;
            if (fraction >= 0)
                ++fraction;
        } else if (*p == '.' && fraction < 0) {
            fraction = 0;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0 || fraction <= 0)
        return std::nullopt;
    const double v = double(mantissa) / kPowers[fraction];
    return negative ? -v : v;
}

} // namespace

Builder::Builder(Scratch &scratch)
    : m_scratch(scratch)
    , m_level([&scratch]() -> Scratch::Level & {
        const size_t depth = size_t(scratch.m_depth++);
        if (scratch.m_levels.size() <= depth)
            scratch.m_levels.resize(depth + 1);
        return scratch.m_levels[depth];
    }())
{}

Builder::~Builder()
{
    clear();
    --m_scratch.m_depth;
}

void Builder::clear()
{
    // Containers of an abandoned value (a parse error) are ours to free.
    Scratch::Level &l = level();
    for (const Element &e : l.elements)
        if (e.flags & Element::IsContainer)
            release(e.container);
    l.elements.clear();
    l.bytes.size = 0;
    l.usedData = 0;
    l.ranks.clear();
    l.hasNull = false;
}

void Builder::appendValuesOf(Builder &other)
{
    Scratch::Level &from = other.level();
    for (const Element &e : from.elements) {
        if (e.flags & Element::HasByteData) {
            const QtCbor::ByteData *b = byteData(from.bytes.data.get(), e);
            appendBytes(b->byte(), b->len, e.flags & ~Element::ValueFlags(Element::HasByteData));
        } else {
            level().elements.push_back(e); // a container changes hands with its reference
        }
        if (e.type == QCborValue::Null)
            level().hasNull = true;
    }
    from.elements.clear();
    other.clear();
}

void Builder::release(QCborContainerPrivate *c)
{
    // QCborValue's destructor is exported and drops our reference (and with
    // the last one, the container and everything nested in it).
    const QCborValue owner =
        QCborContainerPrivate::makeValue(QCborValue::Array, -1, c, QCborContainerPrivate::MoveContainer);
    Q_UNUSED(owner);
}

void Scratch::Level::Bytes::reallocate(size_t c)
{
    std::unique_ptr<char[]> d(new char[c]);
    if (size)
        std::memcpy(d.get(), data.get(), size);
    data = std::move(d);
    capacity = c;
}

void Builder::appendString(QStringView s)
{
    if (!QtPrivate::isAscii(s)) {
        appendUtf16(reinterpret_cast<const char16_t *>(s.utf16()), s.size());
        return;
    }
    char *to = reserveBytes(s.size(), Element::StringIsAscii);
    for (qsizetype i = 0; i < s.size(); ++i)
        to[i] = char(s[i].unicode());
}

void Builder::appendText(QByteArrayView utf8)
{
    if (QtPrivate::isAscii(QLatin1StringView(utf8.data(), utf8.size())))
        appendAscii(utf8.data(), utf8.size());
    else
        appendUtf8(utf8.data(), utf8.size());
}

void Builder::appendNumber(double v)
{
    qint64 n;
    if (convertDoubleTo(v, &n)) {
        appendInteger(n);
        return;
    }
    qint64 bits;
    std::memcpy(&bits, &v, sizeof(bits));
    level().elements.emplace_back(bits, QCborValue::Double);
}

void Builder::appendObject(Builder &child)
{
    child.finishObject();
    // fromJson gives an empty nested container no storage.
    if (QCborContainerPrivate *c = child.take())
        level().elements.emplace_back(c, QCborValue::Map);
    else
        level().elements.emplace_back(qint64(0), QCborValue::Map);
}

void Builder::appendArray(Builder &child)
{
    if (QCborContainerPrivate *c = child.take())
        level().elements.emplace_back(c, QCborValue::Array);
    else
        level().elements.emplace_back(qint64(0), QCborValue::Array);
}

QCborContainerPrivate *Builder::take()
{
    Scratch::Level &l = level();
    if (l.elements.empty()) {
        l.bytes.size = 0;
        l.usedData = 0;
        return nullptr;
    }
    // Owned through one reference, as QJsonObject holds its container.
    auto *c = new QCborContainerPrivate;
    c->ref.ref();
    c->elements = QList<Element>(l.elements.data(), l.elements.data() + l.elements.size());
    if (l.bytes.size) {
        c->data = QByteArray(l.bytes.data.get(), qsizetype(l.bytes.size));
        c->usedData = l.usedData;
    }
    l.elements.clear();
    l.bytes.size = 0;
    l.usedData = 0;
    l.ranks.clear();
    l.hasNull = false;
    return c;
}

void Builder::sortMembers(const int *ranks)
{
    Scratch::Level &l = level();
    std::vector<Element> &e = l.elements;
    const char *bytes = l.bytes.data.get();
    const size_t n = e.size() / 2;
    auto drop = [](const Element &v) {
        if (v.flags & Element::IsContainer)
            release(v.container);
    };
    if (ranks && n <= 16) {
        // A few members: insertion sort of their positions by rank, stable,
        // so that of equal keys the last one in the document ends up last.
        int order[16];
        for (size_t i = 0; i < n; ++i) {
            size_t j = i;
            for (; j > 0 && ranks[order[j - 1]] > ranks[i]; --j)
                order[j] = order[j - 1];
            order[j] = int(i);
        }
        std::vector<Element> &members = m_scratch.m_sorting;
        members.assign(e.begin(), e.end());
        e.clear();
        for (size_t k = 0; k < n; ++k) {
            const size_t i = size_t(order[k]);
            if (k + 1 < n && ranks[order[k + 1]] == ranks[i]) {
                drop(members[2 * i + 1]); // a later one with the same key follows
                continue;
            }
            e.push_back(members[2 * i]);
            e.push_back(members[2 * i + 1]);
        }
        return;
    }
    if (ranks) {
        // Ranks are small integers: a slot per rank, filled in document order
        // (so the last of equal keys stays), read in rank order.
        std::vector<int> &byRank = m_scratch.m_byRank;
        byRank.assign(size_t(*std::max_element(ranks, ranks + n)) + 1, -1);
        for (size_t i = 0; i < n; ++i) {
            int &slot = byRank[size_t(ranks[i])];
            if (slot >= 0)
                drop(e[2 * size_t(slot) + 1]);
            slot = int(i);
        }
        std::vector<Element> &members = m_scratch.m_sorting;
        members.assign(e.begin(), e.end());
        e.clear();
        for (const int i : byRank) {
            if (i >= 0) {
                e.push_back(members[2 * size_t(i)]);
                e.push_back(members[2 * size_t(i) + 1]);
            }
        }
        return;
    }
    std::vector<Scratch::Member> &pairs = m_scratch.m_members;
    pairs.clear();
    for (size_t i = 0; i < n; ++i)
        pairs.push_back({e[2 * i], e[2 * i + 1]});
    auto less = [bytes](const Scratch::Member &a, const Scratch::Member &b) {
        return compareKeys(bytes, a.key, b.key) < 0;
    };
    if (n <= 32) {
        // Insertion sort, stable: objects are small and mostly in order.
        for (size_t i = 1; i < n; ++i) {
            const Scratch::Member m = pairs[i];
            size_t j = i;
            for (; j > 0 && less(m, pairs[j - 1]); --j)
                pairs[j] = pairs[j - 1];
            pairs[j] = m;
        }
    } else {
        std::stable_sort(pairs.begin(), pairs.end(), less);
    }
    // Of equal keys (now adjacent, in document order) the last one stays.
    e.clear();
    for (size_t i = 0; i < pairs.size(); ++i) {
        const Scratch::Member &p = pairs[i];
        if (i > 0 && compareKeys(bytes, e[e.size() - 2], p.key) == 0) {
            drop(e.back());
            e.back() = p.value;
        } else {
            e.push_back(p.key);
            e.push_back(p.value);
        }
    }
}

void Builder::finishObject()
{
    Scratch::Level &l = level();
    std::vector<Element> &e = l.elements;
    const char *bytes = l.bytes.data.get();
    const size_t n = e.size() / 2;
    const int *ranks = l.ranks.size() == n ? l.ranks.data() : nullptr;
    // Usually already in order: one pass tells.
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; ++i)
        sorted = ranks ? ranks[i - 1] < ranks[i] : compareKeys(bytes, e[2 * i - 2], e[2 * i]) < 0;
    if (sorted && !(m_dropNulls && l.hasNull)) {
        l.ranks.clear();
        return;
    }
    if (!sorted)
        sortMembers(ranks);
    if (m_dropNulls && l.hasNull) {
        size_t to = 0;
        for (size_t i = 0; i < e.size(); i += 2) {
            if (e[i + 1].type == QCborValue::Null)
                continue;
            e[to++] = e[i];
            e[to++] = e[i + 1];
        }
        e.resize(to);
    }
    l.ranks.clear();
    l.hasNull = false;
}

QJsonObject Builder::takeObject()
{
    finishObject();
    QCborContainerPrivate *c = take();
    if (!c)
        return {};
    const QCborValue owner =
        QCborContainerPrivate::makeValue(QCborValue::Map, -1, c, QCborContainerPrivate::MoveContainer);
    return QJsonPrivate::Value::fromTrustedCbor(owner).toObject();
}

QJsonArray Builder::takeArray()
{
    QCborContainerPrivate *c = take();
    if (!c)
        return {};
    const QCborValue owner =
        QCborContainerPrivate::makeValue(QCborValue::Array, -1, c, QCborContainerPrivate::MoveContainer);
    return QJsonPrivate::Value::fromTrustedCbor(owner).toArray();
}

bool appendNumberText(Builder *out, QByteArrayView text)
{
    // Most numbers are short integers: read here. The rest goes through the
    // very conversions fromJson makes (toLongLong, then toDouble).
    const char *p = text.data();
    const char *end = p + text.size();
    const bool negative = p < end && *p == '-';
    if (negative)
        ++p;
    if (end - p > 0 && end - p <= 18) {
        qint64 v = 0;
        const char *q = p;
        for (; q < end && *q >= '0' && *q <= '9'; ++q)
            v = v * 10 + (*q - '0');
        if (q == end) {
            if (out)
                out->appendInteger(negative ? -v : v);
            return true;
        }
    }
    if (const auto d = exactDecimal(text)) {
        if (out)
            out->appendNumber(*d);
        return true;
    }
    const QByteArray number = QByteArray::fromRawData(text.data(), text.size());
    bool ok = false;
    if (!number.contains('.') && !number.contains('e') && !number.contains('E')) {
        const qlonglong n = number.toLongLong(&ok);
        if (ok) {
            if (out)
                out->appendInteger(n);
            return true;
        }
    }
    const double d = number.toDouble(&ok);
    if (!ok)
        return false;
    if (out)
        out->appendNumber(d);
    return true;
}

} // namespace aws::tree
