#pragma once
// Test images built without Docker (TOOLCHAIN.md): umoci makes an OCI
// layout layer by layer (unpack → edit → repack, fresh each time), skopeo
// turns it into docker-archive and OCI archive forms.

#include <QString>
#include <QStringList>

namespace testsupport {

/// Runs a program to completion (bounded); returns its stdout, or sets
/// `error` to the exit status and stderr.
QByteArray runTool(const QString &program, const QStringList &args, QString *error, int timeoutMs = 120000);

struct TestImage {
    QString layout;        ///< OCI layout dir, ref "latest"
    QString dockerArchive; ///< docker-archive tar, "demo:latest"
    QString ociArchive;    ///< OCI archive tar, ref "latest"
    QStringList diffIds;   ///< from the config, for comparing after a push
    QString configDigest;
};

/// Builds an image in `dir`: a text layer, a 1 MB random layer and, with
/// `bigMiB` > 0, one of that many MiB of incompressible data. `tag` names
/// it in the docker-archive ("demo:latest"). Returns an empty string on
/// success, else what failed.
QString buildTestImage(const QString &dir, int bigMiB, TestImage *out,
                       const QString &tag = QStringLiteral("demo:latest"),
                       const QString &marker = QStringLiteral("hello"));

/// Merges docker-archives into one tar holding every image (a multi-image
/// `docker save`); `manifestFirst` puts manifest.json first instead of last.
QString mergeDockerArchives(const QStringList &archives, const QString &out, const QString &workDir,
                            bool manifestFirst);

} // namespace testsupport
