#include "XmlTestSupport.h"

#include "Conformance.h"
#include "protocol/Timestamp.h"
#include "protocol/XmlScalars.h"

#include <QHash>
#include <QJsonDocument>
#include <cmath>

namespace xmltest {

using aws::Shape;
using aws::ShapeRef;
using aws::ShapeType;

QJsonArray suites(const QString &relativePath)
{
    static QHash<QString, QJsonArray> cache;
    const QString key = testsupport::conformanceDir() + u'/' + relativePath;
    auto it = cache.constFind(key);
    if (it == cache.constEnd())
        it = cache.insert(key, testsupport::readConformanceJson(relativePath).array());
    return *it;
}

QString ignoreReason(const QString &protocol, const QString &direction, const QString &suiteDescription,
                     const QString &caseId)
{
    static const QJsonObject list =
        testsupport::readConformanceJson(QStringLiteral("protocols/protocol-tests-ignore-list.json"))
            .object();
    const QJsonArray suitesIgnored =
        list.value(u"general").toObject().value(direction).toObject().value(u"suites").toArray();
    if (suitesIgnored.contains(suiteDescription))
        return QStringLiteral("suite \"%1\" is on botocore's ignore list (general.%2.suites)")
            .arg(suiteDescription, direction);
    const QJsonArray casesIgnored = list.value(u"protocols")
                                        .toObject()
                                        .value(protocol)
                                        .toObject()
                                        .value(direction)
                                        .toObject()
                                        .value(u"cases")
                                        .toArray();
    if (!caseId.isEmpty() && casesIgnored.contains(caseId))
        return QStringLiteral("case %1 is on botocore's ignore list (protocols.%2.%3.cases)")
            .arg(caseId, protocol, direction);
    return {};
}

std::shared_ptr<const aws::ServiceModel> suiteModel(const QJsonObject &suite, const QJsonObject &given,
                                                    QString *error)
{
    QJsonObject ops;
    ops.insert(given.value(u"name").toString(), given);
    return aws::ServiceModel::fromParts(suite.value(u"metadata").toObject(),
                                        suite.value(u"shapes").toObject(), ops, error);
}

namespace {

void deepMerge(QJsonObject &into, const QJsonObject &from)
{
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (it.value().isObject() && into.value(it.key()).isObject()) {
            QJsonObject sub = into.value(it.key()).toObject();
            deepMerge(sub, it.value().toObject());
            into.insert(it.key(), sub);
        } else {
            into.insert(it.key(), it.value());
        }
    }
}

} // namespace

std::shared_ptr<const aws::ServiceModel> realModel(const QString &service, QString *error)
{
    static QHash<QString, std::shared_ptr<const aws::ServiceModel>> cache;
    const QString key = testsupport::conformanceDir() + u'/' + service;
    if (auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    const QString base = QStringLiteral("models/%1/").arg(service);
    QJsonObject doc = testsupport::readConformanceJson(base + QStringLiteral("service-2.json")).object();
    const QJsonObject extras =
        testsupport::readConformanceJson(base + QStringLiteral("service-2.sdk-extras.json")).object();
    if (extras.contains(u"merge"))
        deepMerge(doc, extras.value(u"merge").toObject());
    auto model = aws::ServiceModel::fromJson(doc, error);
    if (model)
        cache.insert(key, model);
    return model;
}

namespace {

template <typename Leaf>
QJsonValue walk(const ShapeRef &ref, const QJsonValue &value, const Leaf &leaf, int depth = 0)
{
    if (!ref.shape || depth > 64)
        return value;
    const Shape &s = *ref.shape;
    switch (s.type) {
    case ShapeType::Structure: {
        QJsonObject out = value.toObject();
        for (auto it = out.begin(); it != out.end(); ++it) {
            if (const ShapeRef *m = s.memberNamed(it.key()))
                it.value() = walk(*m, it.value(), leaf, depth + 1);
        }
        return out;
    }
    case ShapeType::List: {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(walk(s.member, v, leaf, depth + 1));
        return out;
    }
    case ShapeType::Map: {
        QJsonObject out = value.toObject();
        for (auto it = out.begin(); it != out.end(); ++it)
            it.value() = walk(s.value, it.value(), leaf, depth + 1);
        return out;
    }
    default:
        return leaf(s, value);
    }
}

} // namespace

QJsonValue blobsToBase64(const ShapeRef &ref, const QJsonValue &value)
{
    return walk(ref, value, [](const Shape &s, const QJsonValue &v) {
        if (s.type == ShapeType::Blob && v.isString())
            return QJsonValue(QString::fromLatin1(v.toString().toUtf8().toBase64()));
        return v;
    });
}

QJsonValue rawTimestampsToEpoch(const ShapeRef &ref, const QJsonValue &value)
{
    return walk(ref, value, [](const Shape &s, const QJsonValue &v) {
        if (s.type == ShapeType::Blob && v.isString())
            return QJsonValue(QString::fromLatin1(v.toString().toUtf8().toBase64()));
        if (s.type == ShapeType::Timestamp && v.isString()) {
            if (auto e = aws::timestamp::parse(v.toString()))
                return aws::xml::epochValue(*e);
        }
        return v;
    });
}

QString diff(const QJsonValue &expected, const QJsonValue &actual, const QString &path)
{
    auto show = [](const QJsonValue &v) {
        if (v.isUndefined())
            return QStringLiteral("<absent>");
        if (v.isObject())
            return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        if (v.isArray())
            return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
            .mid(1)
            .chopped(1);
    };
    const QString mismatch =
        QStringLiteral("%1: expected %2, got %3").arg(path, show(expected), show(actual));
    if (expected.type() != actual.type())
        return mismatch;
    switch (expected.type()) {
    case QJsonValue::Double: {
        const double a = expected.toDouble();
        const double b = actual.toDouble();
        if (a == b || std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)))
            return {};
        return mismatch;
    }
    case QJsonValue::Object: {
        const QJsonObject e = expected.toObject();
        const QJsonObject a = actual.toObject();
        for (auto it = e.begin(); it != e.end(); ++it) {
            const QString d =
                diff(it.value(), a.contains(it.key()) ? a.value(it.key()) : QJsonValue(QJsonValue::Undefined),
                     path + u'.' + it.key());
            if (!d.isEmpty())
                return d;
        }
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!e.contains(it.key()))
                return QStringLiteral("%1.%2: unexpected member %3").arg(path, it.key(), show(it.value()));
        }
        return {};
    }
    case QJsonValue::Array: {
        const QJsonArray e = expected.toArray();
        const QJsonArray a = actual.toArray();
        if (e.size() != a.size())
            return QStringLiteral("%1: expected %2 items, got %3 (%4)")
                .arg(path)
                .arg(e.size())
                .arg(a.size())
                .arg(show(a));
        for (qsizetype i = 0; i < e.size(); ++i) {
            const QString d = diff(e.at(i), a.at(i), QStringLiteral("%1[%2]").arg(path).arg(i));
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    default:
        return expected == actual ? QString() : mismatch;
    }
}

QStringList formSegments(const QByteArray &body)
{
    QStringList out;
    for (const QByteArray &part : body.split('&')) {
        if (!part.isEmpty())
            out << QString::fromUtf8(part);
    }
    out.sort();
    return out;
}

ShapeRef refTo(const Shape *shape)
{
    ShapeRef r;
    r.shape = shape;
    return r;
}

} // namespace xmltest
