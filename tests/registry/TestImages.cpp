#include "TestImages.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>

namespace testsupport {

QByteArray runTool(const QString &program, const QStringList &args, QString *error, int timeoutMs)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        *error = program + QStringLiteral(": cannot start");
        return {};
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        *error = program + QStringLiteral(": timed out");
        return {};
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("%1 %2 failed (%3): %4")
                     .arg(program, args.join(u' '))
                     .arg(p.exitCode())
                     .arg(QString::fromUtf8(p.readAllStandardError()));
        return {};
    }
    error->clear();
    return p.readAllStandardOutput();
}

namespace {

bool writeRandom(const QString &path, qint64 bytes, quint32 seed)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    QRandomGenerator gen(seed);
    QByteArray chunk(1024 * 1024, Qt::Uninitialized);
    for (qint64 left = bytes; left > 0; left -= chunk.size()) {
        gen.fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
        f.write(chunk.constData(), qMin<qint64>(left, chunk.size()));
    }
    return true;
}

} // namespace

QString buildTestImage(const QString &dir, int bigMiB, TestImage *out, const QString &tag,
                       const QString &marker)
{
    QString err;
    QDir().mkpath(dir);
    const QString layout = dir + QStringLiteral("/oci");
    const QString ref = layout + QStringLiteral(":latest");
    const QString bundle = dir + QStringLiteral("/bundle");
    runTool(QStringLiteral("umoci"), {QStringLiteral("init"), QStringLiteral("--layout"), layout}, &err);
    if (!err.isEmpty())
        return err;
    runTool(QStringLiteral("umoci"), {QStringLiteral("new"), QStringLiteral("--image"), ref}, &err);
    if (!err.isEmpty())
        return err;
    // One repack per layer, each from a fresh unpack (umoci's insert writes broken tars).
    auto addLayer = [&](const std::function<bool(const QString &rootfs)> &edit) -> QString {
        QDir(bundle).removeRecursively();
        runTool(
            QStringLiteral("umoci"),
            {QStringLiteral("unpack"), QStringLiteral("--rootless"), QStringLiteral("--image"), ref, bundle},
            &err);
        if (!err.isEmpty())
            return err;
        if (!edit(bundle + QStringLiteral("/rootfs")))
            return QStringLiteral("cannot write into the bundle");
        runTool(QStringLiteral("umoci"), {QStringLiteral("repack"), QStringLiteral("--image"), ref, bundle},
                &err);
        return err;
    };
    QString e = addLayer([&](const QString &root) {
        QFile f(root + QStringLiteral("/hello.txt"));
        if (!f.open(QIODevice::WriteOnly))
            return false;
        for (int i = 0; i < 2000; ++i)
            f.write(QStringLiteral("%1 line %2: the quick brown fox\n").arg(marker).arg(i).toUtf8());
        return true;
    });
    if (e.isEmpty())
        e = addLayer([&](const QString &root) {
            return writeRandom(root + QStringLiteral("/small.bin"), 1024 * 1024, qHash(marker) + 1);
        });
    if (e.isEmpty() && bigMiB > 0)
        e = addLayer([&](const QString &root) {
            return writeRandom(root + QStringLiteral("/big.bin"), qint64(bigMiB) * 1024 * 1024,
                               qHash(marker) + 2);
        });
    if (!e.isEmpty())
        return e;
    QDir(bundle).removeRecursively();
    runTool(QStringLiteral("umoci"),
            {QStringLiteral("config"), QStringLiteral("--image"), ref, QStringLiteral("--config.entrypoint"),
             QStringLiteral("/hello"), QStringLiteral("--architecture"), QStringLiteral("amd64"),
             QStringLiteral("--os"), QStringLiteral("linux")},
            &err);
    if (!err.isEmpty())
        return err;
    runTool(QStringLiteral("umoci"), {QStringLiteral("gc"), QStringLiteral("--layout"), layout}, &err);
    if (!err.isEmpty())
        return err;
    out->layout = layout;
    out->dockerArchive = dir + QStringLiteral("/docker.tar");
    out->ociArchive = dir + QStringLiteral("/oci.tar");
    QFile::remove(out->dockerArchive);
    QFile::remove(out->ociArchive);
    runTool(QStringLiteral("skopeo"),
            {QStringLiteral("copy"), QStringLiteral("oci:") + ref,
             QStringLiteral("docker-archive:") + out->dockerArchive + u':' + tag},
            &err);
    if (!err.isEmpty())
        return err;
    runTool(QStringLiteral("skopeo"),
            {QStringLiteral("copy"), QStringLiteral("oci:") + ref,
             QStringLiteral("oci-archive:") + out->ociArchive + QStringLiteral(":latest")},
            &err);
    if (!err.isEmpty())
        return err;
    const QJsonObject config =
        QJsonDocument::fromJson(
            runTool(QStringLiteral("skopeo"),
                    {QStringLiteral("inspect"), QStringLiteral("--config"), QStringLiteral("oci:") + ref},
                    &err))
            .object();
    if (!err.isEmpty())
        return err;
    const QByteArray rawConfig =
        runTool(QStringLiteral("skopeo"),
                {QStringLiteral("inspect"), QStringLiteral("--raw"), QStringLiteral("oci:") + ref}, &err);
    out->configDigest = QJsonDocument::fromJson(rawConfig)
                            .object()
                            .value(QStringLiteral("config"))
                            .toObject()
                            .value(QStringLiteral("digest"))
                            .toString();
    out->diffIds.clear();
    for (const QJsonValue &v :
         config.value(QStringLiteral("rootfs")).toObject().value(QStringLiteral("diff_ids")).toArray())
        out->diffIds << v.toString();
    return {};
}

QString mergeDockerArchives(const QStringList &archives, const QString &out, const QString &workDir,
                            bool manifestFirst)
{
    QString err;
    const QString tree = workDir + QStringLiteral("/merge");
    QDir(tree).removeRecursively();
    QDir().mkpath(tree);
    QJsonArray manifest;
    for (const QString &a : archives) {
        runTool(QStringLiteral("tar"), {QStringLiteral("-xf"), a, QStringLiteral("-C"), tree}, &err);
        if (!err.isEmpty())
            return err;
        QFile m(tree + QStringLiteral("/manifest.json"));
        if (!m.open(QIODevice::ReadOnly))
            return QStringLiteral("no manifest.json in ") + a;
        for (const QJsonValue &v : QJsonDocument::fromJson(m.readAll()).array())
            manifest.append(v);
        m.close();
        QFile::remove(m.fileName()); // the next archive's may be read-only
        QFile::remove(tree + QStringLiteral("/repositories"));
    }
    QFile m(tree + QStringLiteral("/manifest.json"));
    if (!m.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write manifest.json");
    m.write(QJsonDocument(manifest).toJson(QJsonDocument::Compact));
    m.close();
    QStringList entries = QDir(tree).entryList(QDir::AllEntries | QDir::NoDotAndDotDot, QDir::Name);
    entries.removeAll(QStringLiteral("manifest.json"));
    if (manifestFirst)
        entries.prepend(QStringLiteral("manifest.json"));
    else
        entries.append(QStringLiteral("manifest.json"));
    runTool(QStringLiteral("tar"),
            QStringList{QStringLiteral("-cf"), out, QStringLiteral("-C"), tree} + entries, &err);
    return err;
}

} // namespace testsupport
