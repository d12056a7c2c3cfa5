#include "PushCommand.h"

#include "StopSignals.h"

#include "DigestCache.h"
#include "DockerEngineSource.h"
#include "EcrAuthorization.h"
#include "ImageRules.h"
#include "PushEngine.h"
#include "RegistryClient.h"
#include "SourceLoader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QTextStream>
#include <cstdio>
#include <unistd.h>

using namespace aws::registry;

namespace cli {

namespace {

struct PushArgs {
    QString source;
    QString repository;
    QString tag = QStringLiteral("latest");
    QString image;
    QString registry;
    QString username;
    QString caCert;
    bool passwordStdin = false;
    bool create = false;
    bool compress = true;
};

QString humanBytes(double b)
{
    const char *units[] = {"B", "KB", "MB", "GB"};
    int u = 0;
    while (b >= 1000 && u < 3) {
        b /= 1000;
        ++u;
    }
    return QStringLiteral("%1 %2").arg(b, 0, 'f', u == 0 ? 0 : 1).arg(QLatin1String(units[u]));
}

// After a cancel or failure: which layers the registry holds and which it
// does not, and whether the tag moved.
void reportPartial(CliContext &ctx, const PushEngine *engine, const QString &ref)
{
    QStringList in, out;
    const auto &layers = engine->image().layers;
    for (int i = 0; i < layers.size(); ++i) {
        const QString name = QStringLiteral("layer %1/%2 (%3)")
                                 .arg(i + 1)
                                 .arg(layers.size())
                                 .arg(humanBytes(double(layers.at(i).size)));
        const PushEngine::LayerState s = engine->layerState(i);
        (s == PushEngine::LayerState::Done || s == PushEngine::LayerState::Skipped ||
                 s == PushEngine::LayerState::Mounted
             ? in
             : out)
            << name;
    }
    if (!in.isEmpty())
        ctx.err() << "  in the registry: " << in.join(QStringLiteral(", ")) << '\n';
    if (!out.isEmpty())
        ctx.err() << "  not pushed: " << out.join(QStringLiteral(", ")) << '\n';
    if (engine->tagsPushed() == 0)
        ctx.err() << "  no tag was written: " << ref << " is as it was before this push\n";
    else
        ctx.err() << "  the manifest was written: " << ref << " points to the new image\n";
    if (!in.isEmpty() && !out.isEmpty())
        ctx.err() << "  (pushing again sends only what is missing)\n";
}

/// A layer's state in the words of a progress line (two read better spelled out).
QString stateWords(PushEngine::LayerState s)
{
    if (s == PushEngine::LayerState::Done)
        return QStringLiteral("pushed");
    if (s == PushEngine::LayerState::Skipped)
        return QStringLiteral("already in the registry");
    return PushEngine::stateName(s);
}

// Runs the push once the registry and its credentials are known.
void runPush(CliContext &ctx, const PushArgs &a, SourceImage image, RegistryClient *client,
             const QString &uriBase, std::function<void(int)> finish)
{
    PushOptions o;
    o.repository = a.repository;
    o.tags = {a.tag};
    o.compress = a.compress;
    o.digestCachePath = DigestCache::defaultPath();
    auto *engine = new PushEngine(client, std::move(image), o, client);
    const bool tty = isatty(fileno(stderr));
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    QObject::connect(engine, &PushEngine::message, engine, [&ctx](const QString &line) {
        ctx.err() << line << '\n';
        ctx.err().flush();
    });
    QObject::connect(
        engine, &PushEngine::layerStateChanged, engine, [&ctx, engine, tty](int i, PushEngine::LayerState s) {
            if (tty && s != PushEngine::LayerState::Done && s != PushEngine::LayerState::Skipped &&
                s != PushEngine::LayerState::Mounted && s != PushEngine::LayerState::Failed)
                return; // the progress line shows the rest
            if (s == PushEngine::LayerState::Waiting || s == PushEngine::LayerState::Checking)
                return;
            const SourceLayer &l = engine->image().layers.at(i);
            ctx.err() << (tty ? "\r\033[K" : "") << "layer " << i + 1 << "/" << engine->image().layers.size()
                      << " " << humanBytes(double(l.size)) << ": " << stateWords(s) << '\n';
            ctx.err().flush();
        });
    if (tty) {
        QObject::connect(engine, &PushEngine::progress, engine, [&ctx, clock](qint64 done, qint64 total) {
            const double secs = qMax(0.001, clock->elapsed() / 1000.0);
            const double rate = done / secs;
            const int pct = total > 0 ? int(100.0 * done / total) : 0;
            const int bar = pct / 5;
            const QString eta = rate > 0 && total > done
                                    ? QStringLiteral("%1 s left").arg(int((total - done) / rate))
                                    : QString();
            ctx.err() << "\r\033[K[" << QString(bar, u'#') << QString(20 - bar, u'.') << "] " << pct << "% "
                      << humanBytes(double(done)) << " / " << humanBytes(double(total)) << "  "
                      << humanBytes(rate) << "/s  " << eta;
            ctx.err().flush();
        });
    }
    QObject::connect(
        engine, &PushEngine::finished, engine,
        [&ctx, engine, finish, uriBase, a, tty, clock](const PushResult &r) {
            if (tty)
                ctx.err() << "\r\033[K";
            if (!r.ok) {
                ctx.err() << "deployctl push: "
                          << (r.cancelled ? QStringLiteral("cancelled, uploads stopped") : r.error) << '\n';
                if (r.cancelled)
                    reportPartial(ctx, engine, uriBase + u'/' + a.repository + u':' + a.tag);
                if (r.error.contains(QLatin1String("TLS certificate is not trusted")))
                    ctx.err()
                        << (a.caCert.isEmpty()
                                ? "hint: if the registry's certificate comes from your own CA, pass that "
                                  "CA's certificate with --ca-cert FILE\n"
                                : "hint: the certificate in --ca-cert did not sign the registry's "
                                  "certificate (or it does not name this host)\n");
                ctx.err().flush();
                finish(r.cancelled ? 130 : 254);
                return;
            }
            ctx.err() << "Pushed " << r.layersUploaded << " blob(s) (" << humanBytes(double(r.bytesUploaded))
                      << "), " << r.layersSkipped << " already there, " << r.layersMounted << " mounted, in "
                      << QString::number(clock->elapsed() / 1000.0, 'f', 1) << " s\n";
            ctx.out() << uriBase << '/' << a.repository << ':' << a.tag << '\n'
                      << "digest: " << r.manifestDigest << '\n';
            ctx.out().flush();
            finish(0);
        });
    // Ctrl-C cancels: uploads stop, and the report says what the registry holds.
    onStopSignal(engine, [engine] { engine->cancel(); });
    engine->start();
}

} // namespace

QString PushCommand::summary() const
{
    return QStringLiteral("push an image from a file or a Docker engine to ECR (no Docker needed)");
}

QString PushCommand::usage() const
{
    return QStringLiteral(
        "Usage: deployctl push SOURCE --repository NAME [--tag TAG] [--create] [--no-compress]\n"
        "                      [--image NAME] [--registry URL --username USER --password-stdin]\n"
        "                      [--ca-cert FILE]\n\n"
        "SOURCE is a `docker save` tarball, an OCI image layout directory, an OCI archive\n"
        "(also as docker-archive:PATH, oci:DIR[:REF], oci-archive:PATH[:REF]), or\n"
        "docker-daemon:NAME[:TAG] for an image in a running Docker engine (DOCKER_HOST=unix://…\n"
        "or /var/run/docker.sock). --image picks one image in a source that holds several.\n\n"
        "Without --registry the image goes to the account's ECR registry (credentials and\n"
        "--region/--endpoint-url as for every command; the address comes from\n"
        "GetAuthorizationToken). --create creates the repository first if it does not exist.\n"
        "Uncompressed layers are gzip-compressed on the way (as `docker push` does);\n"
        "--no-compress sends them as they are. Every layer is checked against its digest\n"
        "before anything is uploaded. Prints the image URI and digest.\n"
        "--ca-cert FILE trusts the CA certificate(s) in FILE (PEM or DER) for the registry's\n"
        "TLS, e.g. a registry whose certificate comes from your own CA.\n\n"
        "Exit status: 0 pushed, 2 usage, 252 the source or a name is refused (nothing sent),\n"
        "254 the registry or ECR refused, 255 no credentials or another failure.\n");
}

void PushCommand::start(const QStringList &args, CliContext &ctx, std::function<void(int)> finish)
{
    PushArgs a;
    for (int i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        auto value = [&](QString &out) {
            if (i + 1 >= args.size())
                return false;
            out = args[++i];
            return true;
        };
        bool ok = true;
        if (arg == QLatin1String("--repository"))
            ok = value(a.repository);
        else if (arg == QLatin1String("--tag"))
            ok = value(a.tag);
        else if (arg == QLatin1String("--image"))
            ok = value(a.image);
        else if (arg == QLatin1String("--registry"))
            ok = value(a.registry);
        else if (arg == QLatin1String("--username"))
            ok = value(a.username);
        else if (arg == QLatin1String("--ca-cert"))
            ok = value(a.caCert);
        else if (arg == QLatin1String("--password-stdin"))
            a.passwordStdin = true;
        else if (arg == QLatin1String("--create"))
            a.create = true;
        else if (arg == QLatin1String("--no-compress"))
            a.compress = false;
        else if (!arg.startsWith(QLatin1String("--")) && a.source.isEmpty())
            a.source = arg;
        else
            ok = false;
        if (!ok) {
            ctx.err() << "deployctl push: unexpected or incomplete argument '" << arg << "'\n\n" << usage();
            finish(2);
            return;
        }
    }
    if (a.source.isEmpty() || a.repository.isEmpty()) {
        ctx.err() << "deployctl push: SOURCE and --repository are required\n\n" << usage();
        finish(2);
        return;
    }
    if (a.registry.isEmpty() && (!a.username.isEmpty() || a.passwordStdin)) {
        ctx.err()
            << "deployctl push: --username/--password-stdin go with --registry (ECR uses the account)\n";
        finish(2);
        return;
    }
    if (const QString why = checkTag(a.tag); !why.isEmpty()) {
        ctx.err() << "deployctl push: " << why << '\n';
        finish(252);
        return;
    }
    if (const QString why = checkRepositoryName(a.repository); !why.isEmpty()) {
        ctx.err() << "deployctl push: " << why << '\n';
        finish(252);
        return;
    }
    QList<QSslCertificate> caCerts;
    if (!a.caCert.isEmpty()) {
        QFile f(a.caCert);
        if (!f.open(QIODevice::ReadOnly)) {
            ctx.err() << "deployctl push: cannot read --ca-cert " << a.caCert << ": " << f.errorString()
                      << '\n';
            finish(2);
            return;
        }
        const QByteArray bytes = f.readAll();
        caCerts = QSslCertificate::fromData(bytes, QSsl::Pem);
        if (caCerts.isEmpty())
            caCerts = QSslCertificate::fromData(bytes, QSsl::Der);
        if (caCerts.isEmpty()) {
            ctx.err() << "deployctl push: --ca-cert " << a.caCert << " holds no certificate (PEM or DER)\n";
            finish(2);
            return;
        }
    }
    QString password;
    if (a.passwordStdin) {
        QTextStream in(stdin);
        password = in.readLine();
    }

    // The source is read and every layer is proven before the network is touched.
    auto withSource = [&ctx, a](std::function<void(SourceImage)> then, std::function<void(int)> finish) {
        auto check = [&ctx, then, finish](SourceResult r) {
            if (!r.ok()) {
                ctx.err() << "deployctl push: " << r.error << '\n';
                finish(252);
                return;
            }
            if (const QString w = architectureWarning(r.image->architecture, r.image->os); !w.isEmpty())
                ctx.err() << "warning: " << w << '\n';
            then(std::move(*r.image));
        };
        if (a.source.startsWith(QLatin1String("docker-daemon:"))) {
            auto *engine = new DockerEngineSource(
                DockerEngineSource::socketFromEnvironment(ctx.environment()), ctx.callbackContext());
            engine->exportImage(a.source.mid(14), QString(), [check, engine](SourceResult r) {
                engine->deleteLater();
                check(std::move(r));
            });
            return;
        }
        check(SourceLoader::load(a.source, a.image));
    };

    withSource(
        [&ctx, a, password, caCerts, finish](SourceImage image) {
            auto *nam = new QNetworkAccessManager(ctx.callbackContext());
            if (!a.registry.isEmpty()) {
                QUrl base(a.registry.contains(QLatin1String("://"))
                              ? a.registry
                              : QStringLiteral("https://") + a.registry);
                auto *client = new RegistryClient(base, nam, ctx.callbackContext());
                client->setCaCertificates(caCerts);
                if (!a.username.isEmpty()) {
                    const RegistryCredentials creds{a.username, password, {}};
                    client->setCredentialsProvider([creds](auto done) { done(creds, {}); });
                }
                runPush(ctx, a, std::move(image), client, client->host(), finish);
                return;
            }
            ctx.withClient([&ctx, a, finish, nam, caCerts,
                            image = std::move(image)](aws::AwsClient *aws) mutable {
                if (!aws) {
                    finish(255);
                    return;
                }
                auto afterRepository = [&ctx, a, finish, nam, aws, caCerts,
                                        image = std::move(image)]() mutable {
                    fetchEcrAuthorization(
                        aws, ctx.callbackContext(),
                        [&ctx, a, finish, nam, aws, caCerts,
                         image = std::move(image)](const EcrAuthorization &auth) mutable {
                            if (!auth.error.isEmpty()) {
                                ctx.err() << "deployctl push: " << auth.error << '\n';
                                finish(254);
                                return;
                            }
                            auto *client = new RegistryClient(auth.proxyEndpoint, nam, ctx.callbackContext());
                            client->setCaCertificates(caCerts);
                            client->setCredentialsProvider(
                                ecrCredentialsProvider(aws, ctx.callbackContext()));
                            runPush(ctx, a, std::move(image), client, client->host(), finish);
                        });
                };
                if (!a.create) {
                    afterRepository();
                    return;
                }
                aws->call(QStringLiteral("ecr"), QStringLiteral("CreateRepository"),
                          {{QStringLiteral("repositoryName"), a.repository}}, ctx.callbackContext(),
                          [&ctx, finish, afterRepository](const aws::Outcome &o) mutable {
                              if (!o.ok() &&
                                  o.error->code != QLatin1String("RepositoryAlreadyExistsException")) {
                                  ctx.printError(*o.error);
                                  finish(254);
                                  return;
                              }
                              ctx.err() << (o.ok() ? "Created the repository\n" : "The repository exists\n");
                              afterRepository();
                          });
            });
        },
        finish);
}

} // namespace cli
