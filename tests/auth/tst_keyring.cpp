// The keyring against a real gnome-keyring and against broken ones. Run by
// keyring_suite.sh, once per situation; each test function runs only in the
// situation it is written for (DC_KEYRING_SCENARIO) and skips elsewhere.

#include "InMemorySecretStore.h"
#include "KeyringErrorClassifier.h"
#include "KeyringProbe.h"
#include "KeyringStore.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QDBusVirtualObject>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <optional>
#include <qt6keychain/keychain.h>

using namespace aws::auth;

Q_DECLARE_METATYPE(aws::auth::KeyringProblem)

namespace {

// A fake org.freedesktop.secrets that takes every call and never answers —
// except, when asked, the two calls of the probe, so that the QtKeychain job
// itself is what hangs.
class SilentSecretService : public QDBusVirtualObject {
public:
    bool answerProbe = false;
    int swallowed = 0;
    QString introspect(const QString &) const override { return {}; }
    bool handleMessage(const QDBusMessage &message, const QDBusConnection &connection) override
    {
        if (answerProbe && message.member() == u"ReadAlias") {
            connection.send(message.createReply(QVariant::fromValue(
                QDBusObjectPath(QStringLiteral("/org/freedesktop/secrets/collection/login")))));
            return true;
        }
        if (answerProbe && message.member() == u"Get" &&
            message.arguments().value(1).toString() == u"Locked") {
            connection.send(message.createReply(QVariant::fromValue(QDBusVariant(false))));
            return true;
        }
        ++swallowed;
        return true; // never replies
    }
};

struct Outcome {
    std::optional<SecretStoreResult> result;
    StoredSecret secret;
};

} // namespace

class KeyringTest : public QObject {
    Q_OBJECT

private:
    QString m_scenario = qEnvironmentVariable("DC_KEYRING_SCENARIO");
    bool in(const char *scenario) const { return m_scenario == QLatin1String(scenario); }

    KeyringStore::Options options(int timeoutMs = 15000) const
    {
        KeyringStore::Options o;
        o.timeoutMs = timeoutMs;
        o.service = QStringLiteral("deploy-console-test");
        return o;
    }

    static Outcome write(SecretStore &store, const QString &account, const StoredSecret &secret,
                         int waitMs = 20000)
    {
        Outcome o;
        QObject ctx;
        store.write(account, secret, &ctx, [&o](const SecretStoreResult &r) { o.result = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(o.result.has_value(), waitMs); }();
        return o;
    }
    static Outcome read(SecretStore &store, const QString &account, int waitMs = 20000)
    {
        Outcome o;
        QObject ctx;
        store.read(account, &ctx, [&o](const SecretStoreResult &r, const StoredSecret &s) {
            o.result = r;
            o.secret = s;
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(o.result.has_value(), waitMs); }();
        return o;
    }
    static Outcome remove(SecretStore &store, const QString &account, int waitMs = 20000)
    {
        Outcome o;
        QObject ctx;
        store.remove(account, &ctx, [&o](const SecretStoreResult &r) { o.result = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(o.result.has_value(), waitMs); }();
        return o;
    }
    static Outcome probe(KeyringStore &store, int waitMs = 20000)
    {
        Outcome o;
        QObject ctx;
        store.probe(&ctx, [&o](const SecretStoreResult &r) { o.result = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(o.result.has_value(), waitMs); }();
        return o;
    }

    // What QtKeychain itself reports, bypassing our probe: checks the
    // classifier against the real backend rather than against our own table.
    static std::pair<int, QString> rawWrite(const QString &key)
    {
        auto *job = new QKeychain::WritePasswordJob(QStringLiteral("deploy-console-test"));
        job->setKey(key);
        job->setTextData(QStringLiteral("not-a-secret"));
        std::optional<std::pair<int, QString>> got;
        QObject::connect(job, &QKeychain::Job::finished, job, [&got](QKeychain::Job *j) {
            got = std::make_pair(int(j->error()), j->errorString());
        });
        job->start();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 30000); }();
        return got.value_or(std::make_pair(-1, QStringLiteral("no answer")));
    }

#define REQUIRE_SCENARIO(name)                                                                               \
    if (!in(name))                                                                                           \
        QSKIP("runs in keyring_suite.sh scenario " name);

private slots:
    void classifier_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("text");
        QTest::addColumn<KeyringProblem>("expected");
        // The rows of TOOLCHAIN.md's table, as QtKeychain words them.
        QTest::newRow("no bus") << int(QKeychain::OtherError)
                                << "Cannot autolaunch D-Bus without X11 $DISPLAY"
                                << KeyringProblem::NoSessionBus;
        QTest::newRow("no secret service")
            << int(QKeychain::OtherError)
            << "The name org.freedesktop.secrets was not provided by any .service files"
            << KeyringProblem::NoSecretService;
        QTest::newRow("never unlocked")
            << int(QKeychain::OtherError)
            << "Object does not exist at path “/org/freedesktop/secrets/collection/login”"
            << KeyringProblem::KeyringLocked;
        QTest::newRow("locked write")
            << int(QKeychain::AccessDenied) << "Cannot create an item in a locked collection"
            << KeyringProblem::KeyringLocked;
        QTest::newRow("not found") << int(QKeychain::EntryNotFound) << "Entry not found"
                                   << KeyringProblem::NotFound;
        QTest::newRow("denied") << int(QKeychain::AccessDeniedByUser) << "User refused"
                                << KeyringProblem::AccessDenied;
        QTest::newRow("no backend") << int(QKeychain::NoBackendAvailable) << "No keychain service available"
                                    << KeyringProblem::NoSecretService;
        QTest::newRow("gdbus timeout")
            << int(QKeychain::OtherError) << "Timeout was reached" << KeyringProblem::Timeout;
        QTest::newRow("other") << int(QKeychain::OtherError) << "Something odd" << KeyringProblem::Other;
        QTest::newRow("ok") << int(QKeychain::NoError) << "" << KeyringProblem::None;
    }
    void classifier()
    {
        QFETCH(int, error);
        QFETCH(QString, text);
        QFETCH(KeyringProblem, expected);
        QCOMPARE(KeyringErrorClassifier::classify(error, text), expected);
    }

    void messagesSayWhatToDo()
    {
        const SecretStoreResult none = SecretStoreResult::failure(KeyringProblem::NoSecretService);
        QVERIFY(none.message.contains(QStringLiteral("No keyring service is running")));
        QVERIFY(none.message.contains(QStringLiteral("for this session only")));
        const SecretStoreResult timeout = SecretStoreResult::failure(KeyringProblem::Timeout, {}, 7);
        QVERIFY(timeout.message.startsWith(QStringLiteral("The system keyring did not answer in 7 s")));
        QVERIFY(timeout.keyringUnusable());
        QVERIFY(!SecretStoreResult::failure(KeyringProblem::NotFound).keyringUnusable());
    }

    // --- a real, unlocked gnome-keyring ---------------------------------------
    void roundTrip()
    {
        REQUIRE_SCENARIO("unlocked");
        KeyringStore store(options());
        QVERIFY(probe(store).result->ok());

        const StoredSecret first{QStringLiteral("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY01"),
                                 QStringLiteral("FwoGZXIvYXdzEXAMPLEsessionTOKENfirst")};
        Outcome w = write(store, QStringLiteral("lab"), first);
        QVERIFY2(w.result->ok(), qPrintable(w.result->detail));
        Outcome r = read(store, QStringLiteral("lab"));
        QVERIFY2(r.result->ok(), qPrintable(r.result->detail));
        QCOMPARE(r.secret.secretAccessKey, first.secretAccessKey);
        QCOMPARE(r.secret.sessionToken, first.sessionToken);

        // A fresh Learner Lab block replaces the old one under the same name.
        const StoredSecret second{QStringLiteral("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY02"), QString()};
        QVERIFY(write(store, QStringLiteral("lab"), second).result->ok());
        r = read(store, QStringLiteral("lab"));
        QCOMPARE(r.secret.secretAccessKey, second.secretAccessKey);
        QVERIFY(r.secret.sessionToken.isEmpty());

        // Accounts are separate entries.
        QVERIFY(write(store, QStringLiteral("work"), first).result->ok());
        QCOMPARE(read(store, QStringLiteral("lab")).secret.secretAccessKey, second.secretAccessKey);

        QVERIFY(remove(store, QStringLiteral("lab")).result->ok());
        QCOMPARE(read(store, QStringLiteral("lab")).result->problem, KeyringProblem::NotFound);
        QVERIFY(remove(store, QStringLiteral("lab")).result->ok()); // removing twice is fine
        QCOMPARE(read(store, QStringLiteral("work")).secret.secretAccessKey, first.secretAccessKey);
        QVERIFY(remove(store, QStringLiteral("work")).result->ok());
    }

    void queuedRequestsAnswerInOrder()
    {
        REQUIRE_SCENARIO("unlocked");
        KeyringStore store(options());
        QObject ctx;
        QStringList order;
        const StoredSecret s{QStringLiteral("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY03"), QString()};
        store.write(QStringLiteral("q"), s, &ctx,
                    [&](const SecretStoreResult &r) { order << "write:" + keyringProblemName(r.problem); });
        store.read(QStringLiteral("q"), &ctx, [&](const SecretStoreResult &r, const StoredSecret &got) {
            order << "read:" + keyringProblemName(r.problem) +
                         (got.secretAccessKey == s.secretAccessKey ? "+" : "-");
        });
        store.remove(QStringLiteral("q"), &ctx,
                     [&](const SecretStoreResult &r) { order << "remove:" + keyringProblemName(r.problem); });
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, 30000);
        QCOMPARE(order, (QStringList{"write:None", "read:None+", "remove:None"}));
    }

    void callbackDroppedWhenContextDies()
    {
        REQUIRE_SCENARIO("unlocked");
        KeyringStore store(options());
        bool called = false;
        auto *ctx = new QObject;
        store.read(QStringLiteral("nobody"), ctx,
                   [&](const SecretStoreResult &, const StoredSecret &) { called = true; });
        delete ctx;
        // A later request on the same store still works, and the dropped one never calls back.
        QCOMPARE(read(store, QStringLiteral("nobody")).result->problem, KeyringProblem::NotFound);
        QVERIFY(!called);
    }

    // Runs last in this scenario: it locks the login collection for good.
    void lockedKeyring()
    {
        REQUIRE_SCENARIO("unlocked");
        KeyringStore store(options());
        const StoredSecret s{QStringLiteral("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY04"), QString()};
        QVERIFY(write(store, QStringLiteral("before-lock"), s).result->ok());

        QDBusMessage lock = QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
            QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("Lock"));
        lock << QVariant::fromValue(QList<QDBusObjectPath>{
            QDBusObjectPath(QStringLiteral("/org/freedesktop/secrets/collection/login"))});
        const QDBusMessage reply = QDBusConnection::sessionBus().call(lock, QDBus::Block, 10000);
        QVERIFY2(reply.type() == QDBusMessage::ReplyMessage, qPrintable(reply.errorMessage()));

        const Outcome p = probe(store);
        QCOMPARE(p.result->problem, KeyringProblem::KeyringLocked);
        QVERIFY(p.result->message.contains(QStringLiteral("locked")));
        QCOMPARE(write(store, QStringLiteral("after-lock"), s).result->problem,
                 KeyringProblem::KeyringLocked);
        // QtKeychain alone would say EntryNotFound here; the probe knows better.
        QCOMPARE(read(store, QStringLiteral("before-lock")).result->problem, KeyringProblem::KeyringLocked);

        const auto [error, text] = rawWrite(QStringLiteral("raw-locked"));
        qInfo() << "QtKeychain on a locked keyring:" << error << text;
        QCOMPARE(KeyringErrorClassifier::classify(error, text), KeyringProblem::KeyringLocked);
    }

    // --- gnome-keyring started without --unlock in a fresh home ----------------
    void neverUnlocked()
    {
        REQUIRE_SCENARIO("never-unlocked");
        KeyringStore store(options());
        const Outcome p = probe(store);
        QCOMPARE(p.result->problem, KeyringProblem::KeyringLocked);
        const StoredSecret s{QStringLiteral("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY05"), QString()};
        QCOMPARE(write(store, QStringLiteral("x"), s).result->problem, KeyringProblem::KeyringLocked);
        QCOMPARE(read(store, QStringLiteral("x")).result->problem, KeyringProblem::KeyringLocked);

        const auto [error, text] = rawWrite(QStringLiteral("raw-never-unlocked"));
        qInfo() << "QtKeychain on a never-unlocked keyring:" << error << text;
        QCOMPARE(KeyringErrorClassifier::classify(error, text), KeyringProblem::KeyringLocked);
    }

    // --- a session bus on which nothing provides org.freedesktop.secrets -------
    void noSecretService()
    {
        REQUIRE_SCENARIO("no-secret-service");
        KeyringStore store(options());
        const Outcome p = probe(store);
        QCOMPARE(p.result->problem, KeyringProblem::NoSecretService);
        QVERIFY(p.result->message.startsWith(QStringLiteral("No keyring service is running.")));
        const StoredSecret s{QStringLiteral("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY06"), QString()};
        QCOMPARE(write(store, QStringLiteral("x"), s).result->problem, KeyringProblem::NoSecretService);
        QCOMPARE(read(store, QStringLiteral("x")).result->problem, KeyringProblem::NoSecretService);
        QCOMPARE(remove(store, QStringLiteral("x")).result->problem, KeyringProblem::NoSecretService);

        const auto [error, text] = rawWrite(QStringLiteral("raw-no-service"));
        qInfo() << "QtKeychain without a Secret Service:" << error << text;
        QCOMPARE(KeyringErrorClassifier::classify(error, text), KeyringProblem::NoSecretService);

        // The fallback the UI offers: this run's memory, same interface.
        InMemorySecretStore memory;
        QVERIFY(write(memory, QStringLiteral("x"), s).result->ok());
        QCOMPARE(read(memory, QStringLiteral("x")).secret.secretAccessKey, s.secretAccessKey);
    }

    // --- no session bus at all (ssh, a bare container) ------------------------
    void noSessionBus()
    {
        REQUIRE_SCENARIO("no-bus");
        QVERIFY(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
        KeyringStore store(options());
        QElapsedTimer clock;
        clock.start();
        const Outcome p = probe(store);
        QCOMPARE(p.result->problem, KeyringProblem::NoSessionBus);
        QVERIFY(p.result->message.contains(QStringLiteral("D-Bus session bus")));
        const StoredSecret s{QStringLiteral("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY07"), QString()};
        QCOMPARE(write(store, QStringLiteral("x"), s).result->problem, KeyringProblem::NoSessionBus);
        QCOMPARE(read(store, QStringLiteral("x")).result->problem, KeyringProblem::NoSessionBus);
        QVERIFY2(clock.elapsed() < 5000, "no bus must be reported at once, not after a timeout");

        const auto [error, text] = rawWrite(QStringLiteral("raw-no-bus"));
        qInfo() << "QtKeychain without a session bus:" << error << text;
        QCOMPARE(KeyringErrorClassifier::classify(error, text), KeyringProblem::NoSessionBus);
    }

    // --- a Secret Service that never answers ----------------------------------
    void probeNeverAnswered()
    {
        REQUIRE_SCENARIO("hang");
        SilentSecretService fake;
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY(bus.registerVirtualObject(QStringLiteral("/org/freedesktop/secrets"), &fake,
                                          QDBusConnection::SubPath));
        QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.secrets")));

        KeyringStore store(options(1500));
        QElapsedTimer clock;
        clock.start();
        const StoredSecret s{QStringLiteral("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY08"), QString()};
        const Outcome w = write(store, QStringLiteral("x"), s, 10000);
        QCOMPARE(w.result->problem, KeyringProblem::Timeout);
        QVERIFY(w.result->message.startsWith(QStringLiteral("The system keyring did not answer in 2 s")));
        QVERIFY(clock.elapsed() >= 1400);
        QVERIFY(fake.swallowed >= 1);
        QVERIFY(!store.isStuck()); // only the probe hung; nothing is left inside QtKeychain

        bus.unregisterService(QStringLiteral("org.freedesktop.secrets"));
        bus.unregisterObject(QStringLiteral("/org/freedesktop/secrets"), QDBusConnection::UnregisterTree);
    }

    void jobNeverAnswered()
    {
        REQUIRE_SCENARIO("hang");
        SilentSecretService fake;
        fake.answerProbe = true;
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY(bus.registerVirtualObject(QStringLiteral("/org/freedesktop/secrets"), &fake,
                                          QDBusConnection::SubPath));
        QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.secrets")));

        KeyringStore store(options(1500));
        QVERIFY(probe(store).result->ok()); // the fake looks healthy to the probe

        const StoredSecret s{QStringLiteral("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY09"), QString()};
        const Outcome w = write(store, QStringLiteral("x"), s, 10000);
        QCOMPARE(w.result->problem, KeyringProblem::Timeout);
        QVERIFY(fake.swallowed >= 1); // libsecret's call reached the fake and got no answer
        QVERIFY(store.isStuck());

        // While QtKeychain still waits, new requests fail at once instead of queueing behind it.
        QElapsedTimer clock;
        clock.start();
        const Outcome r = read(store, QStringLiteral("x"), 10000);
        QCOMPARE(r.result->problem, KeyringProblem::Timeout);
        QVERIFY(r.result->detail.contains(QStringLiteral("earlier")));
        QVERIFY(clock.elapsed() < 1000);
    }
};

QTEST_GUILESS_MAIN(KeyringTest)
#include "tst_keyring.moc"
