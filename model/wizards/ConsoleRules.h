#pragma once
// The AWS console's field rules (CONSOLE-RULES.md) as pure functions, shared
// by every wizard form. Each returns an empty string when the value is
// acceptable, otherwise the text shown beside the field. Kept free of Qt
// Quick so the tests and deployctl can use them too.

#include <QString>

namespace wizards::rules {

struct Rule {
    QString text; ///< the rule shown beside the field, always
};

QString dbInstanceIdentifier(const QString &v);
QString masterUsername(const QString &v);
QString masterPassword(const QString &v);
/// "Weak", "Fair" or "Strong": a hint, not a rule (AWS only asks for 8 characters).
QString passwordStrength(const QString &p);
QString dbName(const QString &v); ///< empty is fine: no database is created
QString allocatedStorage(const QString &storageType, int gib);
QString maxAllocatedStorage(int allocated, int max); ///< max 0 = autoscaling off

QString securityGroupName(const QString &v);
QString securityGroupDescription(const QString &v);
QString portRange(int from, int to);
QString cidr(const QString &v); ///< IPv4 or IPv6 prefix
QString ruleDescription(const QString &v);

QString ecsName(const QString &v, const QString &what); ///< cluster/family/container/service
QString containerPort(int port);
QString envName(const QString &v);
QString fargateSize(int cpu, int memory);
QString clientToken(const QString &v);
QString tagKey(const QString &v);
QString tagValue(const QString &v);
QString healthInterval(int s);
QString healthTimeout(int s);
QString healthStartPeriod(int s);
QString healthRetries(int n);
QString ephemeralStorage(int gib);

QString ecrRepositoryName(const QString &v);
QString imageTag(const QString &v);

/// The rule texts, by field key, for display beside each field.
QString ruleText(const QString &fieldKey);

} // namespace wizards::rules
