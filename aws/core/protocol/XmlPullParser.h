#pragma once
// A small pull parser for the XML documents AWS services send, several
// times faster than QXmlStreamReader on large responses (a 1,000-interface
// DescribeNetworkInterfaces is ~1.8 MB). It reads UTF-8 in place and offers
// the subset of QXmlStreamReader's API that ShapeReader uses, with the same
// meaning, so the two are interchangeable; readPlainElement() is a shortcut
// of its own for the usual scalar element.
//
// Deliberately limited: it ignores namespaces (names are local names, as
// botocore reads them) and attributes, and reports an error for what AWS
// never sends (DOCTYPE, other encodings than UTF-8, unknown entities). The
// codec then re-reads the document with QXmlStreamReader, which is the
// reference and gives the precise error.

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1String>
#include <QString>
#include <QVarLengthArray>

namespace aws::xml {

class XmlPullParser {
public:
    explicit XmlPullParser(const QByteArray &document);

    /// Reads until the next start element within the current element.
    /// Returns false at the end of the current element (consuming its end
    /// tag), at the end of the document or on an error.
    bool readNextStartElement();
    /// Local name of the start element just read.
    QLatin1String name() const { return m_name; }
    /// Text of the current element (child elements are skipped); consumes
    /// the element through its end tag.
    QString readElementText();
    /// The same as UTF-8: a view into the document when the text is one
    /// plain run (the usual case), else decoded into `scratch`.
    QByteArrayView readElementTextUtf8(QByteArray &scratch);
    /// Reads the next element if it is `openTag` ("<name>", no attributes)
    /// holding plain text and then its end tag, as most scalars in a
    /// response are, into `text` (a view into the document). Plain text has
    /// no markup, entities, control characters (CR, LF, tab), '"' or '\\':
    /// it reads the same in XML and in a JSON string. Otherwise reads
    /// nothing and returns false, for the general path. Checking a likely
    /// name this way costs a fraction of reading any element.
    bool readPlainElement(QByteArrayView openTag, QByteArrayView &text);
    /// Consumes the current element through its end tag.
    void skipCurrentElement();
    /// Bytes of the document not read yet.
    qsizetype remaining() const { return m_end - m_p; }

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

private:
    bool parseStartTag(); // at '<' of a start tag
    bool consumeEndTag(); // at "</"
    bool skipMarkup();    // at "<!" or "<?": comment, CDATA, PI; false on error
    bool appendText(QByteArray &out, const char *from, const char *to);
    void fail(const char *message);

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    QLatin1String m_name;
    bool m_selfClosing = false;                ///< the current start tag was <x/>
    QVarLengthArray<QLatin1String, 32> m_open; ///< qualified names of open elements
    QString m_error;
};

} // namespace aws::xml
