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

#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>
#include <vector>

namespace aws::tree {

class Builder;

/// Reused buffers for Builders, one level per nesting depth: a container is
/// collected here and copied into Qt's storage once complete, in exactly
/// sized allocations, instead of growing Qt's QList and QByteArray append by
/// append. One Scratch per parse (or per thread); not shared between threads.
class Scratch {
public:
    Scratch() = default;
    Scratch(const Scratch &) = delete;
    Scratch &operator=(const Scratch &) = delete;

private:
    friend class Builder;
    struct Level {
        std::vector<QtCbor::Element> elements;
        /// ByteData blocks, laid out as in the container. Not a
        /// std::vector<char>: that zero-fills what is about to be copied over.
        struct Bytes {
            std::unique_ptr<char[]> data;
            size_t size = 0;
            size_t capacity = 0;
            /// Grows by `n` bytes (contents kept, new ones uninitialised).
            void grow(size_t n)
            {
                if (size + n > capacity)
                    reallocate(std::max(2 * capacity, size + n + 256));
                size += n;
            }
            void reallocate(size_t c);
        } bytes;
        qsizetype usedData = 0;
        std::vector<int> ranks; ///< keys' places in key order, when known (see setKeyRank)
        bool hasNull = false;
    };
    struct Member {
        QtCbor::Element key, value;
    };
    std::deque<Level> m_levels;             ///< a deque: a Builder keeps a reference to its level
    std::vector<Member> m_members;          ///< an object's members while they are sorted
    std::vector<QtCbor::Element> m_sorting; ///< the same, sorted by rank
    std::vector<int> m_byRank;              ///< member (by position) holding each rank
    int m_depth = 0;
};

/// One object or array under construction, on the next level of a Scratch.
/// Builders nest like the values they build: a child is created after its
/// parent and done before it. Objects take key, value, key, value…; keys are
/// strings.
class Builder {
public:
    explicit Builder(Scratch &scratch);
    Builder(const Builder &) = delete;
    Builder &operator=(const Builder &) = delete;
    ~Builder();

    bool isEmpty() const { return level().elements.empty(); }

    /// Text known to be 7-bit ASCII.
    void appendAscii(const char *s, qsizetype n) { appendBytes(s, n, QtCbor::Element::StringIsAscii); }
    /// 8-bit text: ASCII when `ascii`, else valid UTF-8 that is not all ASCII.
    void append8Bit(const char *s, qsizetype n, bool ascii)
    {
        appendBytes(s, n, ascii ? QtCbor::Element::StringIsAscii : QtCbor::Element::ValueFlags());
    }
    /// Valid UTF-8 text that is not all ASCII.
    void appendUtf8(const char *s, qsizetype n) { appendBytes(s, n, {}); }
    /// UTF-16 text, stored as such (what fromJson does with escaped text).
    void appendUtf16(const char16_t *s, qsizetype n)
    {
        appendBytes(reinterpret_cast<const char *>(s), n * 2, QtCbor::Element::StringIsUtf16);
    }
    /// A QString as QJsonValue(QString) stores it: 8-bit when ASCII.
    void appendString(QStringView s);
    /// Valid UTF-8 text, ASCII or not.
    void appendText(QByteArrayView utf8);
    void appendInteger(qint64 v) { level().elements.emplace_back(v, QCborValue::Integer); }
    /// A number as fromJson and QJsonValue(double) store it: an Integer
    /// whenever it is one (Qt 6.4's == tells Integer 1 and Double 1.0 apart).
    void appendNumber(double v);
    void appendBool(bool b)
    {
        level().elements.emplace_back(qint64(0), b ? QCborValue::True : QCborValue::False);
    }
    void appendNull()
    {
        Scratch::Level &l = level();
        l.hasNull = true;
        l.elements.emplace_back(qint64(0), QCborValue::Null);
    }
    /// Moves the values appended to `other` (on any Scratch) to the end of
    /// this one; `other` is left empty.
    void appendValuesOf(Builder &other);
    /// Forgets what was appended.
    void clear();
    /// `child` as a nested object (keys sorted here) or array.
    void appendObject(Builder &child);
    void appendArray(Builder &child);

    /// The place of the key just appended among all the keys this object
    /// can have, in Qt's key order: a structure's member names are known in
    /// advance, and ranks spare the string comparisons when sorting. Either
    /// every key of an object gets one or none does.
    void setKeyRank(int rank) { level().ranks.push_back(rank); }

    /// Object members whose value is null are removed (after duplicates are
    /// resolved, as a reader of fromJson's object would see them).
    void dropNullMembers() { m_dropNulls = true; }

    QJsonObject takeObject();
    QJsonArray takeArray();

private:
    Scratch::Level &level() { return m_level; }
    const Scratch::Level &level() const { return m_level; }
    void appendBytes(const char *s, qsizetype n, QtCbor::Element::ValueFlags flags)
    {
        copyBytes(reserveBytes(n, flags), s, n);
    }
    /// Room for a string of `n` bytes; its element is appended.
    char *reserveBytes(qsizetype n, QtCbor::Element::ValueFlags flags)
    {
        // QCborContainerPrivate::addByteData's layout: 8-byte aligned blocks
        // of a length followed by the bytes.
        Scratch::Level &l = level();
        const size_t offset =
            (l.bytes.size + alignof(QtCbor::ByteData) - 1) & ~(alignof(QtCbor::ByteData) - 1);
        const size_t block = sizeof(QtCbor::ByteData) + size_t(n);
        l.bytes.grow(offset - l.bytes.size + block);
        l.usedData += qsizetype(block);
        char *at = l.bytes.data.get() + offset;
        const QByteArray::size_type len = n;
        std::memcpy(at, &len, sizeof(len));
        l.elements.emplace_back(qint64(offset), QCborValue::String, QtCbor::Element::HasByteData | flags);
        return at + sizeof(QtCbor::ByteData);
    }
    /// Strings are mostly 4 to 40 bytes: copied in words, the last one
    /// overlapping the one before, rather than through a memcpy call.
    static void copyBytes(char *to, const char *from, qsizetype n)
    {
        if (n >= 8 && n <= 64) {
            for (qsizetype i = 0; i < n - 8; i += 8)
                std::memcpy(to + i, from + i, 8);
            std::memcpy(to + n - 8, from + n - 8, 8);
        } else if (n >= 4 && n < 8) {
            std::memcpy(to, from, 4);
            std::memcpy(to + n - 4, from + n - 4, 4);
        } else if (n > 0) {
            std::memcpy(to, from, size_t(n));
        }
    }
    /// Sorts keys, keeps the last of duplicates, drops nulls when asked.
    void finishObject();
    /// Sorts the members by key (by rank when given), the last of equal keys kept.
    void sortMembers(const int *ranks);
    /// The level's contents as a container of Qt's (one reference), or null
    /// when empty. The level is left empty.
    QCborContainerPrivate *take();
    static void release(QCborContainerPrivate *c);

    Scratch &m_scratch;
    Scratch::Level &m_level;
    bool m_dropNulls = false;
};

/// A number's text as QJsonDocument::fromJson reads it (`text` is what its
/// grammar accepted: sign, digits, fraction, exponent). False when it is no
/// number (fromJson's IllegalNumber); `out` may be null to only check.
bool appendNumberText(Builder *out, QByteArrayView text);

} // namespace aws::tree
