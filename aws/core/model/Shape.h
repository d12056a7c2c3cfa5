#pragma once
// The shapes of a botocore service model (service-2.json), resolved into a
// graph of pointers so that serializers, parsers and the validator can walk
// them without string look-ups.

#include <QString>
#include <QStringList>
#include <QVector>
#include <algorithm>
#include <optional>
#include <vector>

namespace aws {

enum class ShapeType {
    Structure,
    List,
    Map,
    String,
    Integer,
    Long,
    Boolean,
    Float,
    Double,
    Timestamp,
    Blob,
    Unknown,
};

struct Shape;

/// A reference from a structure member, a list member or a map key/value to a
/// shape, with the serialization traits that live on the reference.
struct ShapeRef {
    const Shape *shape = nullptr;
    QString name;            ///< member name (structures only)
    QString locationName;    ///< XML element / query name override
    QString queryName;       ///< ec2 protocol name override
    QString xmlNamespace;    ///< xmlNamespace.uri when present
    QString timestampFormat; ///< overrides the shape's timestampFormat
    bool flattened = false;
    bool xmlAttribute = false;
    bool idempotencyToken = false;
    bool hostLabel = false;
    bool jsonValue = false; ///< string that carries JSON (jsonvalue trait)
    bool deprecated = false;
};

struct Shape {
    QString name;
    ShapeType type = ShapeType::Unknown;
    // Structure
    QVector<ShapeRef> members; ///< in model order
    QStringList required;
    bool exception = false;
    bool fault = false;
    int errorHttpStatus = 0;  ///< error.httpStatusCode
    QString errorCode;        ///< error.code (query protocols), else name
    bool senderFault = false; ///< error.senderFault
    bool document = false;
    bool isUnion = false;
    bool eventStream = false;
    // List / Map
    ShapeRef member; ///< list member
    ShapeRef key;    ///< map key
    ShapeRef value;  ///< map value
    bool flattened = false;
    QString locationName; ///< shape-level locationName
    QString xmlNamespace;
    // Scalars
    std::optional<double> min;
    std::optional<double> max;
    QStringList enumValues;
    QString pattern;
    QString timestampFormat;
    bool sensitive = false;

    const ShapeRef *memberNamed(const QString &n) const
    {
        for (const auto &m : members)
            if (m.name == n)
                return &m;
        return nullptr;
    }
    /// memberNamed() for a walk over an object's keys: starts where the last
    /// hit left `cursor` (keys come sorted, and members mostly so) and wraps
    /// around. Lengths are compared first: most names differ there.
    const ShapeRef *memberNamed(QStringView n, qsizetype &cursor) const
    {
        const qsizetype count = members.size();
        const qsizetype start = cursor < count ? cursor : 0;
        for (qsizetype k = 0; k < count; ++k) {
            const qsizetype i = start + k < count ? start + k : start + k - count;
            const QString &name = members[i].name;
            if (name.size() == n.size() && QStringView(name) == n) {
                cursor = i + 1;
                return &members[i];
            }
        }
        return nullptr;
    }
    bool isRequired(const QString &n) const { return required.contains(n); }
    /// Each member's place (by position in `members`) when the members are
    /// sorted by name: the order of a QJsonObject's keys, so built objects
    /// sort their members by these numbers instead of comparing strings.
    /// Names compare as UTF-16 here and as bytes in an object: the same order
    /// for the ASCII names models have.
    std::vector<int> memberRanks() const
    {
        std::vector<int> order(size_t(members.size()));
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = int(i);
        std::sort(order.begin(), order.end(),
                  [&](int a, int b) { return QStringView(members[a].name) < QStringView(members[b].name); });
        std::vector<int> ranks(order.size());
        for (size_t i = 0; i < order.size(); ++i)
            ranks[size_t(order[i])] = int(i);
        return ranks;
    }
};

const char *shapeTypeName(ShapeType t);

} // namespace aws
