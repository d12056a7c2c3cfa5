#pragma once
// Where the AWS conformance data lives for this test run:
// $AWS_CONFORMANCE_DIR, else the build's default (../shared/aws-conformance).

#include <QJsonDocument>
#include <QString>
#include <QtTest>

namespace testsupport {

QString conformanceDir();
/// Reads a JSON file below the conformance dir; fails the test when unreadable.
QJsonDocument readConformanceJson(const QString &relativePath);
QByteArray readFile(const QString &path);

} // namespace testsupport

/// Skips the current test (reporting the path it looked for) when the
/// conformance data is missing.
#define REQUIRE_CONFORMANCE_DIR()                                                                            \
    do {                                                                                                     \
        if (!QFileInfo(testsupport::conformanceDir()).isDir())                                               \
            QSKIP(                                                                                           \
                qPrintable(QStringLiteral("AWS conformance data not found at %1 (set AWS_CONFORMANCE_DIR)")  \
                               .arg(testsupport::conformanceDir())));                                        \
    } while (false)
