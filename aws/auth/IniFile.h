#pragma once
// The ini dialect of ~/.aws/credentials and ~/.aws/config, read the way
// botocore reads it (Python's RawConfigParser, then botocore's nested
// sub-sections): `#`/`;` comment lines, `=` or `:` between key and value,
// keys lower-cased, section names case-sensitive, indented lines continuing
// the value above, and a value that starts on the next line parsed as a
// nested `key = value` sub-section (e.g. `s3 =` + indented lines).

#include <QList>
#include <QMap>
#include <QString>
#include <QStringView>
#include <optional>

namespace aws::auth {

struct IniValue {
    QString value;                 ///< the text, continuation lines joined with "\n"
    QMap<QString, QString> nested; ///< for `key =` followed by indented `k = v` lines
    int line = 0;                  ///< 1-based line of the key
};

struct IniSection {
    QString name; ///< as written between the brackets, trimmed
    int line = 0;
    QMap<QString, IniValue> values; ///< keys lower-cased
    std::optional<IniValue> value(const QString &key) const;
    QString text(const QString &key) const; ///< empty when absent
};

struct IniError {
    int line = 0;
    QString message;
};

class IniFile {
public:
    /// Parses the whole text. Like botocore, a file with any error is unusable:
    /// check ok() before using sections.
    static IniFile parse(QStringView text);

    bool ok() const { return m_errors.isEmpty(); }
    const QList<IniError> &errors() const { return m_errors; }
    const QList<IniSection> &sections() const { return m_sections; }
    const IniSection *section(const QString &name) const;

private:
    QList<IniSection> m_sections;
    QList<IniError> m_errors;
};

} // namespace aws::auth
