#include "IniFile.h"

namespace aws::auth {

namespace {

int indentOf(QStringView line)
{
    int n = 0;
    while (n < line.size() && (line[n] == u' ' || line[n] == u'\t'))
        ++n;
    return n;
}

// botocore's _parse_nested: each non-empty line of the value is `k = v`.
QMap<QString, QString> parseNested(const QString &value)
{
    QMap<QString, QString> nested;
    const auto lines = value.split(u'\n');
    for (const QString &l : lines) {
        const QString t = l.trimmed();
        if (t.isEmpty())
            continue;
        const qsizetype eq = t.indexOf(u'=');
        if (eq < 0)
            continue;
        nested.insert(t.left(eq).trimmed().toLower(), t.mid(eq + 1).trimmed());
    }
    return nested;
}

} // namespace

std::optional<IniValue> IniSection::value(const QString &key) const
{
    const auto it = values.constFind(key.toLower());
    if (it == values.cend())
        return std::nullopt;
    return *it;
}

QString IniSection::text(const QString &key) const
{
    const auto v = value(key);
    return v ? v->value : QString();
}

const IniSection *IniFile::section(const QString &name) const
{
    for (const IniSection &s : m_sections) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

IniFile IniFile::parse(QStringView text)
{
    IniFile file;
    if (text.startsWith(QChar(0xFEFF)))
        text = text.mid(1);

    IniSection *current = nullptr;
    QString currentKey; // the option a continuation line extends
    int currentKeyIndent = 0;
    bool currentKeyStartedEmpty = false; // botocore nests only `key =` with nothing after it
    int lineNo = 0;

    const auto lines = text.split(u'\n');
    for (QStringView rawView : lines) {
        ++lineNo;
        QString raw = rawView.toString();
        if (raw.endsWith(u'\r'))
            raw.chop(1);
        const QString stripped = raw.trimmed();
        const int indent = indentOf(raw);

        if (stripped.isEmpty()) {
            // An empty line ends nothing by itself in configparser, but the next
            // non-indented line will; keeping currentKey matches that.
            continue;
        }
        if (stripped.startsWith(u'#') || stripped.startsWith(u';'))
            continue;

        // An indented line under an option continues its value.
        if (current && !currentKey.isEmpty() && indent > currentKeyIndent) {
            IniValue &v = current->values[currentKey];
            v.value = v.value.isEmpty() ? stripped : v.value + u'\n' + stripped;
            if (currentKeyStartedEmpty)
                v.nested = parseNested(v.value);
            continue;
        }

        if (stripped.startsWith(u'[')) {
            const qsizetype close = stripped.indexOf(u']');
            if (close < 0) {
                file.m_errors.append(
                    {lineNo, QStringLiteral("line %1: section header without “]”").arg(lineNo)});
                currentKey.clear();
                continue;
            }
            const QString name = stripped.mid(1, close - 1).trimmed();
            if (name.isEmpty()) {
                file.m_errors.append({lineNo, QStringLiteral("line %1: empty section name").arg(lineNo)});
                currentKey.clear();
                continue;
            }
            bool duplicate = false;
            for (const IniSection &s : file.m_sections)
                duplicate = duplicate || s.name == name;
            if (duplicate) {
                // configparser is strict about this and botocore then rejects the file.
                file.m_errors.append(
                    {lineNo, QStringLiteral("line %1: section [%2] appears twice").arg(lineNo).arg(name)});
            }
            file.m_sections.append(IniSection{name, lineNo, {}});
            current = &file.m_sections.last();
            currentKey.clear();
            continue;
        }

        if (!current) {
            file.m_errors.append(
                {lineNo, QStringLiteral("line %1: a value before the first [section] header").arg(lineNo)});
            continue;
        }

        qsizetype sep = -1;
        for (qsizetype i = 0; i < stripped.size(); ++i) {
            if (stripped[i] == u'=' || stripped[i] == u':') {
                sep = i;
                break;
            }
        }
        if (sep <= 0) {
            file.m_errors.append({lineNo, QStringLiteral("line %1: expected “key = value”").arg(lineNo)});
            currentKey.clear();
            continue;
        }
        const QString key = stripped.left(sep).trimmed().toLower();
        if (current->values.contains(key)) {
            file.m_errors.append(
                {lineNo,
                 QStringLiteral("line %1: “%2” appears twice in [%3]").arg(lineNo).arg(key, current->name)});
        }
        IniValue v;
        v.value = stripped.mid(sep + 1).trimmed();
        v.line = lineNo;
        current->values.insert(key, v);
        currentKey = key;
        currentKeyIndent = indent;
        currentKeyStartedEmpty = v.value.isEmpty();
    }
    return file;
}

} // namespace aws::auth
