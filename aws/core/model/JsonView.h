#pragma once
// Reads QJsonObject / QJsonArray contents in place, in Qt's own storage
// (QCborContainerPrivate, private API from qt6-base-private-dev): no
// QJsonValue, QJsonObject or QString per member. Iterating a QJsonObject
// builds a QString for every key and toString() one for every value; the
// validator and the JSON writer read each member once and mostly only need
// its bytes (keys and values are nearly all ASCII, kept as 8-bit text).
//
// Only inline, read-only members of the container are used (see
// protocol/ValueTree.h, which builds these containers, for why).

#include "Shape.h"

#include <QtGlobal>

// Qt 6.4's layout (qcborvalue_p.h, qjson_p.h). Another Qt needs it checked
// again before this builds.
#if QT_VERSION < QT_VERSION_CHECK(6, 4, 0) || QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#error                                                                                                       \
    "JsonView.h reads Qt 6.4's private JSON storage: check it against this Qt's qcborvalue_p.h and qjson_p.h, then widen this bound"
#endif

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QtCore/private/qjson_p.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aws::view {

/// `n` ASCII bytes against `n` UTF-16 units: eight at a time with SSE2 (the
/// last eight overlapping the ones before), as member names are compared
/// with keys for every member read.
inline bool sameAscii(const char *a, const char16_t *b, qsizetype n)
{
#if defined(__SSE2__)
    if (n >= 8) {
        auto differ = [a, b](qsizetype i) {
            const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(a + i));
            const __m128i wide = _mm_unpacklo_epi8(bytes, _mm_setzero_si128());
            const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(b + i));
            return _mm_movemask_epi8(_mm_cmpeq_epi16(wide, units)) != 0xffff;
        };
        for (qsizetype i = 0; i < n - 8; i += 8)
            if (differ(i))
                return false;
        return !differ(n - 8);
    }
#endif
    for (qsizetype i = 0; i < n; ++i)
        if (b[i] != char16_t(uchar(a[i])))
            return false;
    return true;
}

/// A string element's text: 8-bit (ASCII or valid UTF-8) or UTF-16.
struct Text {
    const char *bytes = nullptr; ///< 8-bit text
    const char16_t *utf16 = nullptr;
    qsizetype size = 0; ///< bytes, or UTF-16 units
    bool ascii = false;

    bool isUtf16() const { return utf16 != nullptr; }
    /// Equal to `s`, compared without building a QString.
    bool equals(QStringView s) const
    {
        if (utf16)
            return QStringView(utf16, size) == s;
        if (ascii)
            return s.size() == size && sameAscii(bytes, reinterpret_cast<const char16_t *>(s.utf16()), size);
        return QtPrivate::equalStrings(QUtf8StringView(bytes, size), s);
    }
    QString toString() const
    {
        if (utf16)
            return QStringView(utf16, size).toString();
        return ascii ? QString::fromLatin1(bytes, size) : QString::fromUtf8(bytes, size);
    }
};

/// An object's or array's storage. An object's elements are key, value,
/// key, value…; an array's its items.
class Container {
public:
    Container() = default;
    explicit Container(const QCborContainerPrivate *d)
        : d(d)
    {}
    static Container of(const QJsonObject &o)
    {
        return o.isEmpty() ? Container() : Container(QJsonPrivate::Value::container(*o.constBegin()));
    }
    static Container of(const QJsonArray &a)
    {
        return a.isEmpty() ? Container() : Container(QJsonPrivate::Value::container(*a.constBegin()));
    }

    /// Elements (an object has two per member).
    qsizetype size() const { return d ? d->elements.size() : 0; }

    QJsonValue::Type type(qsizetype i) const
    {
        switch (d->elements.at(i).type) {
        case QCborValue::Integer:
        case QCborValue::Double:
            return QJsonValue::Double;
        case QCborValue::String:
            return QJsonValue::String;
        case QCborValue::Array:
            return QJsonValue::Array;
        case QCborValue::Map:
            return QJsonValue::Object;
        case QCborValue::True:
        case QCborValue::False:
            return QJsonValue::Bool;
        case QCborValue::Null:
            return QJsonValue::Null;
        default:
            return QJsonValue::Undefined;
        }
    }
    bool isInteger(qsizetype i) const { return d->elements.at(i).type == QCborValue::Integer; }
    qint64 integer(qsizetype i) const { return d->elements.at(i).value; }
    double toDouble(qsizetype i) const
    {
        const QtCbor::Element &e = d->elements.at(i);
        return e.type == QCborValue::Integer ? double(e.value) : e.fpvalue();
    }
    bool toBool(qsizetype i) const { return d->elements.at(i).type == QCborValue::True; }

    Text text(qsizetype i) const
    {
        const QtCbor::Element &e = d->elements.at(i);
        Text t;
        const QtCbor::ByteData *b = d->byteData(e);
        if (!b)
            return t; // an empty string
        if (e.flags & QtCbor::Element::StringIsUtf16) {
            t.utf16 = reinterpret_cast<const char16_t *>(b->utf16());
            t.size = b->len / 2;
        } else {
            t.bytes = b->byte();
            t.size = b->len;
            t.ascii = e.flags & QtCbor::Element::StringIsAscii;
        }
        return t;
    }
    QString toString(qsizetype i) const { return d->stringAt(i); }

    /// The object or array element `i` holds (empty when it holds none).
    Container child(qsizetype i) const
    {
        const QtCbor::Element &e = d->elements.at(i);
        return (e.flags & QtCbor::Element::IsContainer) ? Container(e.container) : Container();
    }
    /// Element `i` as a QJsonValue (shares the storage; for the rare value
    /// that needs one).
    QJsonValue value(qsizetype i) const { return QJsonPrivate::Value::fromTrustedCbor(d->valueAt(i)); }

private:
    const QCborContainerPrivate *d = nullptr;
};

/// Shape::memberNamed() for a key read in place: an ASCII key (nearly all)
/// is compared as it is stored, without a QString.
inline const ShapeRef *memberNamed(const Shape &shape, const Text &key, qsizetype &cursor)
{
    if (!key.ascii)
        return shape.memberNamed(key.toString(), cursor);
    const qsizetype count = shape.members.size();
    const qsizetype start = cursor < count ? cursor : 0;
    for (qsizetype k = 0; k < count; ++k) {
        const qsizetype i = start + k < count ? start + k : start + k - count;
        const QString &name = shape.members[i].name;
        if (name.size() == key.size &&
            sameAscii(key.bytes, reinterpret_cast<const char16_t *>(name.utf16()), key.size)) {
            cursor = i + 1;
            return &shape.members[i];
        }
    }
    return nullptr;
}

} // namespace aws::view
