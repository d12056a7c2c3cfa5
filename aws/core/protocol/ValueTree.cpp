#include "ValueTree.h"

#include <QtCore/private/qnumeric_p.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace aws::tree {

namespace {

using QtCbor::Element;

// Qt's key order (qjsonparser.cpp's sortContainer, which look-ups rely on):
// 8-bit keys (ASCII or UTF-8) compare as bytes, UTF-16 ones as UTF-16, mixed
// pairs through the exported compareStrings overloads.
int compareKeys(const QCborContainerPrivate *c, const Element &a, const Element &b)
{
    const QtCbor::ByteData *x = c->byteData(a);
    const QtCbor::ByteData *y = c->byteData(b);
    if (!x)
        return y ? -1 : 0;
    if (!y)
        return 1;
    const bool x16 = a.flags & Element::StringIsUtf16;
    const bool y16 = b.flags & Element::StringIsUtf16;
    if (!x16 && !y16) {
        const int r = std::memcmp(x->byte(), y->byte(), size_t(std::min(x->len, y->len)));
        return r ? r : (x->len < y->len ? -1 : x->len > y->len ? 1 : 0);
    }
    if (x16 && y16)
        return QtPrivate::compareStrings(x->asStringView(), y->asStringView());
    if (x16)
        return QtPrivate::compareStrings(x->asStringView(), y->asUtf8StringView());
    return QtPrivate::compareStrings(x->asUtf8StringView(), y->asStringView());
}

} // namespace

QCborContainerPrivate *Builder::create()
{
    // Owned through one reference, as QJsonObject holds its container.
    d = new QCborContainerPrivate;
    d->ref.ref();
    return d;
}

void Builder::release(QCborContainerPrivate *c)
{
    // QCborValue's destructor is exported and drops our reference (and with
    // the last one, the container and everything nested in it).
    const QCborValue owner =
        QCborContainerPrivate::makeValue(QCborValue::Array, -1, c, QCborContainerPrivate::MoveContainer);
    Q_UNUSED(owner);
}

void Builder::appendString(QStringView s)
{
    if (!QtPrivate::isAscii(s)) {
        appendUtf16(reinterpret_cast<const char16_t *>(s.utf16()), s.size());
        return;
    }
    QCborContainerPrivate *c = data();
    const qptrdiff offset = c->addByteData(nullptr, s.size());
    char *to = c->data.data() + offset + qptrdiff(sizeof(QtCbor::ByteData));
    for (qsizetype i = 0; i < s.size(); ++i)
        to[i] = char(s[i].unicode());
    c->elements.append(Element(offset, QCborValue::String, Element::HasByteData | Element::StringIsAscii));
}

void Builder::appendText(QByteArrayView utf8)
{
    if (QtPrivate::isAscii(QLatin1StringView(utf8.data(), utf8.size())))
        appendAscii(utf8.data(), utf8.size());
    else
        appendUtf8(utf8.data(), utf8.size());
}

void Builder::appendDouble(double v)
{
    qint64 bits;
    std::memcpy(&bits, &v, sizeof(bits));
    data()->elements.append(Element(bits, QCborValue::Double));
}

void Builder::appendNumber(double v)
{
    qint64 n;
    if (convertDoubleTo(v, &n))
        appendInteger(n);
    else
        appendDouble(v);
}

void Builder::appendObject(Builder &&child)
{
    child.finishObject();
    if (child.isEmpty()) {
        // fromJson gives an empty nested container no storage.
        data()->elements.append(Element(qint64(0), QCborValue::Map));
        return;
    }
    data()->elements.append(Element(std::exchange(child.d, nullptr), QCborValue::Map));
}

void Builder::appendArray(Builder &&child)
{
    if (child.isEmpty()) {
        data()->elements.append(Element(qint64(0), QCborValue::Array));
        return;
    }
    data()->elements.append(Element(std::exchange(child.d, nullptr), QCborValue::Array));
}

void Builder::finishObject()
{
    if (!d)
        return;
    QList<Element> &e = d->elements;
    const qsizetype n = e.size() / 2;
    bool sorted = true;
    for (qsizetype i = 1; i < n && sorted; ++i)
        sorted = compareKeys(d, e.at(2 * i - 2), e.at(2 * i)) < 0;
    if (sorted && !(m_dropNulls && m_hasNull))
        return;

    struct Pair {
        Element key, value;
    };
    std::vector<Pair> pairs;
    pairs.reserve(size_t(n));
    for (qsizetype i = 0; i < n; ++i)
        pairs.push_back({e.at(2 * i), e.at(2 * i + 1)});
    if (!sorted) {
        std::stable_sort(pairs.begin(), pairs.end(),
                         [this](const Pair &a, const Pair &b) { return compareKeys(d, a.key, b.key) < 0; });
    }
    auto drop = [](const Element &v) {
        if (v.flags & Element::IsContainer)
            release(v.container);
    };
    // Of equal keys (now adjacent, in document order) the last one stays.
    std::vector<Pair> kept;
    kept.reserve(pairs.size());
    for (const Pair &p : pairs) {
        if (!kept.empty() && compareKeys(d, kept.back().key, p.key) == 0) {
            drop(kept.back().value);
            kept.back() = p;
        } else {
            kept.push_back(p);
        }
    }
    e.clear();
    for (const Pair &p : kept) {
        if (m_dropNulls && p.value.type == QCborValue::Null)
            continue;
        e.append(p.key);
        e.append(p.value);
    }
    m_hasNull = false;
}

QJsonObject Builder::takeObject()
{
    finishObject();
    if (!d)
        return {};
    const QCborValue owner = QCborContainerPrivate::makeValue(QCborValue::Map, -1, std::exchange(d, nullptr),
                                                              QCborContainerPrivate::MoveContainer);
    return QJsonPrivate::Value::fromTrustedCbor(owner).toObject();
}

QJsonArray Builder::takeArray()
{
    if (!d)
        return {};
    const QCborValue owner = QCborContainerPrivate::makeValue(
        QCborValue::Array, -1, std::exchange(d, nullptr), QCborContainerPrivate::MoveContainer);
    return QJsonPrivate::Value::fromTrustedCbor(owner).toArray();
}

bool appendNumberText(Builder &out, QByteArrayView text)
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
            out.appendInteger(negative ? -v : v);
            return true;
        }
    }
    const QByteArray number = QByteArray::fromRawData(text.data(), text.size());
    bool ok = false;
    if (!number.contains('.') && !number.contains('e') && !number.contains('E')) {
        const qlonglong n = number.toLongLong(&ok);
        if (ok) {
            out.appendInteger(n);
            return true;
        }
    }
    const double d = number.toDouble(&ok);
    if (!ok)
        return false;
    out.appendNumber(d);
    return true;
}

} // namespace aws::tree
