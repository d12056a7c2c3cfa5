// The Images area as a student uses it, in the real window on the sandbox
// under Xvfb: create a repository through the form (an invalid name first),
// read the push commands, push a small image made without Docker from a
// `docker save` tarball (cancel once, then push with per-layer and overall
// progress), see it listed, hand its URI to the task definition wizard and
// delete the repository after the confirmation. Screenshots of each state
// land in <build>/screenshots/ to be looked at.
#include "AppWindow.h"
#include "EcrWizard.h"
#include "FakeEngine.h"
#include "TestImages.h"
#include "server/SandboxServer.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(DeployConsole_ModelPlugin)
Q_IMPORT_QML_PLUGIN(DeployConsole_UiPlugin)

class TestEcrGui : public QObject {
    Q_OBJECT

    QTemporaryDir home;
    QTemporaryDir images;
    testsupport::TestImage image;
    AppWindow app;
    EcrWizard *wizard = nullptr;

    /// By objectName, through the visual tree too: Repeater delegates and
    /// popups are not QObject children of the page that shows them.
    QQuickItem *item(const char *name) const
    {
        if (QQuickItem *found = app.item(name))
            return found;
        QList<QQuickItem *> queue{app.window->contentItem()};
        QQuickItem *hidden = nullptr;
        while (!queue.isEmpty()) {
            QQuickItem *i = queue.takeFirst();
            if (i->objectName() == QLatin1String(name)) {
                if (i->isVisible())
                    return i;
                hidden = hidden ? hidden : i;
            }
            queue.append(i->childItems());
        }
        return hidden;
    }

    void click(const char *name)
    {
        QQuickItem *button = item(name);
        QVERIFY2(button, name);
        app.click(button);
    }

    /// Replaces a text field's content by typing, as a student would.
    void type(const char *name, const QString &text)
    {
        QQuickItem *field = item(name);
        QVERIFY2(field && field->isVisible(), name);
        field->forceActiveFocus();
        QTRY_VERIFY_WITH_TIMEOUT(field->hasActiveFocus(), 2000);
        QTest::keyClick(app.window, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(app.window, Qt::Key_Backspace);
        app.keys(text);
    }

    QString text(const char *name) const
    {
        QQuickItem *i = item(name);
        return i ? i->property("text").toString() : QString();
    }

    void setLatency(int ms)
    {
        aws::sandbox::FaultOptions faults = app.session->sandbox()->faults();
        faults.latencyMs = ms;
        app.session->sandbox()->setFaults(faults);
    }

    /// No QML warning from the Images area (other areas are other tests' business).
    void noWarnings() const
    {
        const QStringList ours = app.warnings.filter(QStringLiteral("/Ui/ecr/"));
        QVERIFY2(ours.isEmpty(), qPrintable(ours.join(u'\n')));
    }

private slots:
    void initTestCase()
    {
        qputenv("HOME", home.path().toUtf8());
        qputenv("AWS_CONFIG_FILE", (home.path() + QStringLiteral("/none")).toUtf8());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", (home.path() + QStringLiteral("/none")).toUtf8());
        // No Docker engine here: the push page must say so and offer files.
        qputenv("DOCKER_HOST", ("unix://" + home.path() + QStringLiteral("/no-docker.sock")).toUtf8());
        // Two small layers and one of 12 MiB of incompressible data, so the
        // push lasts long enough to be seen.
        const QString built = testsupport::buildTestImage(images.filePath(QStringLiteral("img")), 12, &image,
                                                          QStringLiteral("demo:latest"));
        if (!built.isEmpty())
            QSKIP(qPrintable(QStringLiteral("cannot build the test image (umoci/skopeo): ") + built));

        app.open(home.path() + QStringLiteral("/accounts.ini"));
        // The smallest screen the area must work on.
        app.window->resize(1024, 768);
        QTRY_COMPARE_WITH_TIMEOUT(app.window->width(), 1024, 5000);
        QVERIFY(app.session->startSandbox(QStringLiteral("taskoverflow")));
        QTRY_VERIFY_WITH_TIMEOUT(!app.session->accountId().isEmpty(), 10000);

        // The Images tab, as a click would choose it.
        app.find("areaTabs")->setProperty("currentIndex", 2);
        QTRY_VERIFY_WITH_TIMEOUT(item("ecrArea") && item("ecrArea")->isVisible(), 5000);
        wizard = qvariant_cast<EcrWizard *>(item("ecrArea")->property("wizard"));
        QVERIFY(wizard);
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->repositories()->isLoading(), 10000);
    }

    void cleanupTestCase()
    {
        if (app.session && app.session->sandbox())
            setLatency(0);
        app.close();
    }

    void listShowsTheAccountsRepositories()
    {
        EcrRepositoryModel *repos = wizard->repositories();
        QVERIFY2(repos->error().isEmpty(), qPrintable(repos->error()));
        QTRY_VERIFY_WITH_TIMEOUT(item("ecrRepositoryList")->isVisible(), 5000);
        QCOMPARE(wizard->page(), QStringLiteral("repositories"));
        noWarnings();
        app.shot(QStringLiteral("ecr-start"));
    }

    void createFormChecksTheNameAsTyped()
    {
        click("ecrCreateButton");
        QTRY_VERIFY_WITH_TIMEOUT(item("ecrCreateForm")->isVisible(), 5000);
        type("ecrNameField", QStringLiteral("My App"));
        EcrRepositoryForm *form = wizard->createForm();
        QCOMPARE(form->name(), QStringLiteral("My App"));
        QVERIFY(!form->isValid());
        QVERIFY2(text("ecrNameNote").contains(u"lowercase"), qPrintable(text("ecrNameNote")));
        QVERIFY(!item("ecrCreateSubmit")->isEnabled());
        app.shot(QStringLiteral("ecr-create-invalid-name"));

        type("ecrNameField", QStringLiteral("gui-demo/web"));
        QVERIFY(form->isValid());
        QCOMPARE(text("ecrNameNote"), form->nameRule());
        click("ecrScanOnPush");
        QVERIFY(form->scanOnPush());
        click("ecrCreateSubmit");
        EcrRepositoryModel *repos = wizard->repositories();
        QTRY_VERIFY_WITH_TIMEOUT(repos->indexOfKey(QStringLiteral("gui-demo/web")) >= 0, 10000);
        QVERIFY2(form->error().isEmpty(), qPrintable(form->error()));
        QCOMPARE(wizard->page(), QStringLiteral("repositories"));
        QCOMPARE(repos->selectedName(), QStringLiteral("gui-demo/web"));
        QVERIFY(repos->selected().value(QStringLiteral("settingsText")).toString().contains(u"scan on push"));
        QVERIFY(text("ecrRepositoryUri").endsWith(u".amazonaws.com/gui-demo/web"));
        noWarnings();
    }

    void pushCommandsAsTheConsoleShowsThem()
    {
        click("ecrViewCommandsButton");
        QTRY_VERIFY_WITH_TIMEOUT(item("ecrPushCommands")->isVisible(), 5000);
        const QString account = app.session->accountId();
        const QString region = app.session->region();
        const QString host = QStringLiteral("%1.dkr.ecr.%2.amazonaws.com").arg(account, region);
        QCOMPARE(text("ecrCommand0"),
                 QStringLiteral("aws ecr get-login-password --region %1 | docker login --username AWS "
                                "--password-stdin %2")
                     .arg(region, host));
        QCOMPARE(text("ecrCommand1"), QStringLiteral("docker build -t gui-demo/web ."));
        QCOMPARE(text("ecrCommand2"),
                 QStringLiteral("docker tag gui-demo/web:latest %1/gui-demo/web:latest").arg(host));
        QCOMPARE(text("ecrCommand3"), QStringLiteral("docker push %1/gui-demo/web:latest").arg(host));
        noWarnings();
        app.shot(QStringLiteral("ecr-push-commands"));
        click("ecrRepositoriesButton");
    }

    void pushPageSaysThereIsNoEngine()
    {
        click("ecrPushHereButton");
        QTRY_VERIFY_WITH_TIMEOUT(item("ecrPushPage")->isVisible(), 5000);
        EcrPushJob *job = wizard->push();
        QCOMPARE(job->repository(), QStringLiteral("gui-demo/web"));
        click("ecrSourceEngine");
        QTRY_COMPARE_WITH_TIMEOUT(job->engineState(), QStringLiteral("absent"), 5000);
        QVERIFY2(text("ecrEngineText").contains(u"No Docker engine answers"),
                 qPrintable(text("ecrEngineText")));
        click("ecrSourceFile");
        QCOMPARE(job->sourceKind(), QStringLiteral("file"));

        // A file that is not an image: refused in words, before anything is sent.
        const QString junk = home.filePath(QStringLiteral("notes.txt"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not an image\n");
        f.close();
        type("ecrSourcePath", junk);
        click("ecrSourceRead");
        QTRY_COMPARE_WITH_TIMEOUT(job->sourceState(), QStringLiteral("error"), 10000);
        QVERIFY2(job->sourceError().contains(u"docker save"), qPrintable(job->sourceError()));
        QVERIFY(!job->canPush());
    }

    void pushWithProgressCancelOnceThenFinish()
    {
        EcrPushJob *job = wizard->push();
        type("ecrSourcePath", image.dockerArchive);
        click("ecrSourceRead");
        QTRY_COMPARE_WITH_TIMEOUT(job->sourceState(), QStringLiteral("ready"), 20000);
        QCOMPARE(job->layers()->rowCount(), image.diffIds.size());
        QVERIFY2(job->sourceSummary().contains(u"linux/amd64"), qPrintable(job->sourceSummary()));
        type("ecrPushTag", QStringLiteral("-bad"));
        QVERIFY(!job->canPush());
        QVERIFY2(text("ecrPushTagNote").contains(u"cannot start"), qPrintable(text("ecrPushTagNote")));
        type("ecrPushTag", QStringLiteral("v1"));
        QTRY_VERIFY_WITH_TIMEOUT(job->canPush(), 5000);
        noWarnings();
        app.shot(QStringLiteral("ecr-push-ready"));

        // Every answer slowed down, so the push is still running when looked at.
        setLatency(400);
        click("ecrPushStart");
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), QStringLiteral("pushing"), 5000);
        click("ecrPushCancel");
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), QStringLiteral("cancelled"), 15000);
        QVERIFY(job->canPush()); // nothing chosen is lost
        QCOMPARE(job->tag(), QStringLiteral("v1"));

        setLatency(250);
        QSignalSpy pushed(job, &EcrPushJob::pushed);
        click("ecrPushStart");
        QTRY_VERIFY_WITH_TIMEOUT(job->state() == QLatin1String("pushing") && job->progress() > 0, 30000);
        QVERIFY2(job->progressText().contains(u" of "), qPrintable(job->progressText()));
        app.shot(QStringLiteral("ecr-push-mid"));

        QTRY_VERIFY_WITH_TIMEOUT(job->state() != QLatin1String("pushing"), 60000);
        setLatency(0);
        QVERIFY2(job->state() == QLatin1String("done"), qPrintable(job->error()));
        QCOMPARE(pushed.size(), 1);
        QVERIFY(job->digest().startsWith(u"sha256:"));
        const QString uri = QStringLiteral("%1.dkr.ecr.%2.amazonaws.com/gui-demo/web:v1")
                                .arg(app.session->accountId(), app.session->region());
        QCOMPARE(job->imageUri(), uri);
        QCOMPARE(text("ecrPushedUri"), uri);
        for (int row = 0; row < job->layers()->rowCount(); ++row)
            QCOMPARE(job->layers()->data(job->layers()->index(row), EcrLayerModel::FractionRole).toDouble(),
                     1.0);
        QTRY_VERIFY_WITH_TIMEOUT(
            item("ecrUseInTaskDefinition") && item("ecrUseInTaskDefinition")->isVisible(), 5000);
        noWarnings();
        app.shot(QStringLiteral("ecr-push-done"));

        // One click hands the URI to the task definition wizard.
        QSignalSpy use(item("ecrArea"), SIGNAL(useImageRequested(QString)));
        click("ecrUseInTaskDefinition");
        QCOMPARE(use.size(), 1);
        QCOMPARE(use.first().first().toString(), uri);
        // …and the window opens that wizard with the image filled in.
        QTRY_VERIFY(item("taskDefinitionWizard") && item("taskDefinitionWizard")->isVisible());
        QObject *form = item("taskDefinitionWizard")->property("form").value<QObject *>();
        QVariant image;
        QMetaObject::invokeMethod(form, "value", Q_RETURN_ARG(QVariant, image),
                                  Q_ARG(QString, QStringLiteral("image")));
        QCOMPARE(image.toString(), uri);
        app.shot(QStringLiteral("ecr-image-in-task-definition"));
        item("areaTabs")->setProperty("currentIndex", 2);
        QTRY_VERIFY(item("ecrArea")->isVisible());
    }

    void pushedImageIsListedThenDeleted()
    {
        EcrRepositoryModel *repos = wizard->repositories();
        click("ecrRepositoriesButton");
        QTRY_VERIFY_WITH_TIMEOUT(item("ecrRepositoryDetails")->isVisible(), 5000);
        QCOMPARE(repos->selectedName(), QStringLiteral("gui-demo/web"));
        QTRY_COMPARE_WITH_TIMEOUT(repos->selected().value(QStringLiteral("imageCount")).toInt(), 1, 10000);
        const QVariantMap img = repos->selected().value(QStringLiteral("images")).toList().first().toMap();
        QCOMPARE(img.value(QStringLiteral("tags")).toStringList(), QStringList{QStringLiteral("v1")});
        QCOMPARE(img.value(QStringLiteral("digest")).toString(), wizard->push()->digest());
        QVERIFY(img.value(QStringLiteral("size")).toLongLong() > 12 * 1024 * 1024);
        noWarnings();
        app.shot(QStringLiteral("ecr-listed"));

        click("ecrDeleteRepositoryButton");
        QTRY_VERIFY_WITH_TIMEOUT(item("ecrConfirmDelete") && item("ecrConfirmDelete")->isVisible(), 5000);
        QVERIFY(repos->confirmationText().contains(u"gui-demo/web"));
        QVERIFY(repos->confirmationText().contains(u"1 image"));
        app.shot(QStringLiteral("ecr-confirm-delete"));
        click("ecrConfirmDelete");
        QTRY_VERIFY_WITH_TIMEOUT(repos->indexOfKey(QStringLiteral("gui-demo/web")) < 0, 10000);
        QVERIFY2(repos->error().isEmpty(), qPrintable(repos->error()));
        QVERIFY(repos->statusText().contains(u"gui-demo/web"));
        QTRY_VERIFY_WITH_TIMEOUT(!item("ecrConfirmDelete") || !item("ecrConfirmDelete")->isVisible(), 5000);
        noWarnings();
        app.shot(QStringLiteral("ecr-deleted"));
    }

    void pushFromADockerEngine()
    {
        // An engine answers now (a small Engine API server on a socket, exporting a real image).
        testsupport::FakeEngine engine;
        engine.archive = image.dockerArchive;
        const QString socket = home.filePath(QStringLiteral("docker.sock"));
        QVERIFY(engine.listen(socket));
        qputenv("DOCKER_HOST", ("unix://" + socket).toUtf8());

        click("ecrPushButton");
        QTRY_VERIFY_WITH_TIMEOUT(item("ecrPushPage")->isVisible(), 5000);
        EcrPushJob *job = wizard->push();
        if (item("ecrPushAnother") && item("ecrPushAnother")->isVisible())
            click("ecrPushAnother");
        click("ecrSourceEngine");
        // The page said no engine answers; now one does, and "Look again" finds it.
        click("ecrEngineLookAgain");
        QTRY_COMPARE_WITH_TIMEOUT(job->engineState(), QStringLiteral("ready"), 10000);
        QCOMPARE(job->engineImages(), QStringList{QStringLiteral("demo:latest")});
        QCOMPARE(job->engineImage(), QStringLiteral("demo:latest")); // the only one, chosen
        click("ecrEngineRead"); // exported through the Engine API, verified, layers listed
        QTRY_COMPARE_WITH_TIMEOUT(job->sourceState(), QStringLiteral("ready"), 30000);
        QCOMPARE(job->layers()->rowCount(), image.diffIds.size());
        // A repository that does not exist yet is created on the way.
        type("ecrPushRepository", QStringLiteral("gui-demo/from-engine"));
        type("ecrPushTag", QStringLiteral("latest"));
        QTRY_VERIFY_WITH_TIMEOUT(job->canPush(), 5000);
        app.shot(QStringLiteral("ecr-engine-ready"));
        click("ecrPushStart");
        QTRY_VERIFY_WITH_TIMEOUT(job->state() != QLatin1String("pushing"), 60000);
        QVERIFY2(job->state() == QLatin1String("done"), qPrintable(job->error()));
        QVERIFY(engine.paths.contains(QStringLiteral("/images/demo%3Alatest/get")));
        app.shot(QStringLiteral("ecr-engine-pushed"));
        // …and it is listed with its tag.
        EcrRepositoryModel *repos = wizard->repositories();
        click("ecrRepositoriesButton");
        QTRY_VERIFY_WITH_TIMEOUT(repos->indexOfKey(QStringLiteral("gui-demo/from-engine")) >= 0, 10000);
        noWarnings();
    }
};

QTEST_MAIN(TestEcrGui)
#include "tst_ecr_gui.moc"
