#include "HttpMessage.h"

namespace aws {

QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

bool hasHeader(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

void setHeader(HttpHeaders &headers, const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

void removeHeader(HttpHeaders &headers, const QByteArray &name)
{
    headers.removeIf([&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

QByteArray HttpRequest::pathOnly() const
{
    const qsizetype q = path.indexOf('?');
    return q < 0 ? path : path.left(q);
}

QByteArray HttpRequest::query() const
{
    const qsizetype q = path.indexOf('?');
    return q < 0 ? QByteArray() : path.mid(q + 1);
}

} // namespace aws
