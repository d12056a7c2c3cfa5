#include "RegistryAuth.h"

namespace aws::registry {

AuthChallenge AuthChallenge::parse(const QByteArray &header)
{
    // Bearer realm="https://auth/token",service="registry",scope="repository:x:pull"
    AuthChallenge c;
    const QString h = QString::fromUtf8(header).trimmed();
    const qsizetype sp = h.indexOf(u' ');
    c.scheme = (sp < 0 ? h : h.left(sp)).toLower();
    if (sp < 0)
        return c;
    const QString rest = h.mid(sp + 1);
    qsizetype i = 0;
    while (i < rest.size()) {
        while (i < rest.size() && (rest[i] == u' ' || rest[i] == u','))
            ++i;
        const qsizetype eq = rest.indexOf(u'=', i);
        if (eq < 0)
            break;
        const QString key = rest.mid(i, eq - i).trimmed().toLower();
        i = eq + 1;
        QString value;
        if (i < rest.size() && rest[i] == u'"') {
            ++i;
            while (i < rest.size() && rest[i] != u'"') {
                if (rest[i] == u'\\' && i + 1 < rest.size())
                    ++i;
                value += rest[i++];
            }
            ++i; // closing quote
        } else {
            const qsizetype comma = rest.indexOf(u',', i);
            value = rest.mid(i, comma < 0 ? -1 : comma - i).trimmed();
            i = comma < 0 ? rest.size() : comma;
        }
        c.params.insert(key, value);
    }
    return c;
}

} // namespace aws::registry
