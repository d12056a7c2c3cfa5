#pragma once
// Builds our values (QJsonObject / QJsonArray) directly in Qt's own storage,
// element by element, the way QJsonDocument::fromJson's parser does, so that
// a response is parsed once from its bytes into its final form. Reading a
// QJsonDocument and then the object costs a heap allocated QString per key
// and string, and fromJson alone took longer than our whole budget.
//
// Qt keeps a JSON object or array as a QCborContainerPrivate (private API,
// qt6-base-private-dev): a QList of 16-byte elements and one byte buffer for
// the strings. A built value is indistinguishable from what fromJson makes
// of the same text: keys sorted as Qt sorts them (look-ups are binary
// searches) with the last of duplicate keys kept, ASCII strings as 8-bit
// bytes flagged StringIsAscii, other unescaped text as UTF-8, escaped text as
// UTF-16, numbers as Integer whenever the value is one, empty nested
// containers without storage.
//
// Only the container's inline members may be used: its out-of-line ones
// (destructor included) are not exported from libQt6Core. Our code therefore
// never destroys a container itself; it hands each one to a QCborValue,
// whose exported destructor frees it.

#include <QtGlobal>

// The layout and the rules above are Qt 6.4's (qjsonparser.cpp,
// qcborvalue_p.h). Another Qt needs them checked again before this builds.
#if QT_VERSION < QT_VERSION_CHECK(6, 4, 0) || QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
#error                                                                                                       \
    "ValueTree.h mirrors Qt 6.4's private JSON storage: check it against this Qt's qjsonparser.cpp and qcborvalue_p.h, then widen this bound"
#endif

#include <QJsonArray>
#include <QJsonObject>
#include <QtCore/private/qjson_p.h>

#include <utility>

namespace aws::tree {

/// One object or array under construction. Objects take key, value, key,
/// value…; keys are strings. Storage is only allocated by the first append.
class Builder {
public:
    Builder() = default;
    Builder(const Builder &) = delete;
    Builder &operator=(const Builder &) = delete;
    Builder(Builder &&other) noexcept
        : d(std::exchange(other.d, nullptr))
        , m_hasNull(other.m_hasNull)
    {}
    ~Builder()
    {
        if (d)
            release(d);
    }

    bool isEmpty() const { return !d || d->elements.isEmpty(); }

    /// Text known to be 7-bit ASCII.
    void appendAscii(const char *s, qsizetype n)
    {
        data()->appendByteData(s, n, QCborValue::String, QtCbor::Element::StringIsAscii);
    }
    /// Valid UTF-8 text that is not all ASCII.
    void appendUtf8(const char *s, qsizetype n) { data()->appendByteData(s, n, QCborValue::String); }
    /// UTF-16 text, stored as such (what fromJson does with escaped text).
    void appendUtf16(const char16_t *s, qsizetype n)
    {
        data()->appendByteData(reinterpret_cast<const char *>(s), n * 2, QCborValue::String,
                               QtCbor::Element::StringIsUtf16);
    }
    /// A QString as QJsonValue(QString) stores it: 8-bit when ASCII.
    void appendString(QStringView s);
    /// Valid UTF-8 text, ASCII or not.
    void appendText(QByteArrayView utf8);
    void appendInteger(qint64 v) { data()->append(v); }
    /// A number as fromJson and QJsonValue(double) store it: an Integer
    /// whenever it is one (Qt 6.4's == tells Integer 1 and Double 1.0 apart).
    void appendNumber(double v);
    void appendBool(bool b)
    {
        data()->elements.append(QtCbor::Element(qint64(0), b ? QCborValue::True : QCborValue::False));
    }
    void appendNull()
    {
        m_hasNull = true;
        data()->elements.append(QtCbor::Element(qint64(0), QCborValue::Null));
    }
    /// `child` as a nested object (keys sorted here) or array.
    void appendObject(Builder &&child);
    void appendArray(Builder &&child);

    /// Object members whose value is null are removed (after duplicates are
    /// resolved, as a reader of fromJson's object would see them).
    void dropNullMembers() { m_dropNulls = true; }

    QJsonObject takeObject();
    QJsonArray takeArray();

private:
    QCborContainerPrivate *data() { return d ? d : create(); }
    void appendDouble(double v);
    QCborContainerPrivate *create();
    /// Sorts keys, keeps the last of duplicates, drops nulls when asked.
    void finishObject();
    static void release(QCborContainerPrivate *c);

    QCborContainerPrivate *d = nullptr;
    bool m_hasNull = false;
    bool m_dropNulls = false;
};

/// A number's text as QJsonDocument::fromJson reads it (`text` is what its
/// grammar accepted: sign, digits, fraction, exponent). False when it is no
/// number (fromJson's IllegalNumber).
bool appendNumberText(Builder &out, QByteArrayView text);

} // namespace aws::tree
