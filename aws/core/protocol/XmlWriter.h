#pragma once
// Writes XML text straight into a byte array, as QXmlStreamWriter (Qt 6.4)
// writes it, byte for byte: the same declaration, "<a/>" for an element with
// nothing in it, "&quot;", "&lt;", "&amp;" and "&gt;" in text, characters XML
// cannot hold dropped, a newline after the document. The sandbox writes every
// query and ec2 answer with it; QXmlStreamWriter's QString and QIODevice per
// element made 1,000 network interfaces take 18 ms.

#include "../model/JsonView.h"

#include <QByteArray>
#include <QList>
#include <QStringView>

namespace aws::xml {

class Writer {
public:
    explicit Writer(QByteArray &out)
        : m_out(out)
    {}

    void startDocument();
    /// Ends the elements still open, and the document.
    void endDocument();
    void startElement(QStringView name);
    /// A default namespace on the element just started (written as it is:
    /// namespaces are the models' constant URIs).
    void defaultNamespace(QStringView uri);
    void endElement();
    void characters(QStringView text);
    /// Text as a QJsonObject holds it (8-bit or UTF-16), without a QString.
    void characters(const view::Text &text);
    void textElement(QStringView name, QStringView text);

private:
    /// ASCII that needs no escaping.
    void plain(const char *text, qsizetype size);
    /// `n` more bytes at the end, to write through the pointer returned;
    /// trim() then cuts off what was not used.
    char *room(qsizetype n);
    void trim(const char *end);
    void closeStartTag();
    void writeEscaped(const char *bytes, qsizetype size);

    QByteArray &m_out;
    /// Where each open element's name is in m_out, for its end tag.
    QList<std::pair<qsizetype, qsizetype>> m_open;
    bool m_inStartTag = false;
};

} // namespace aws::xml
