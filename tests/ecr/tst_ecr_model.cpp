// model/ecr without a window: the rules and texts as pure functions, then
// the repository list (QAbstractItemModelTester attached before it fills),
// the create form and the push job against the in-process sandbox —
// including an OCI layout source, a tarball holding two images, and the
// failures a student meets (a name taken, a file that is not an image).
#include "EcrTexts.h"
#include "EcrWizard.h"
#include "Session.h"
#include "TestImages.h"
#include "server/SandboxServer.h"

#include <QAbstractItemModelTester>
#include <QtTest>

class TestEcrModel : public QObject {
    Q_OBJECT

    QTemporaryDir home;
    QTemporaryDir images;
    testsupport::TestImage imageA;
    testsupport::TestImage imageB;
    QString merged;
    std::unique_ptr<Session> session;

private slots:
    void initTestCase()
    {
        qputenv("HOME", home.path().toUtf8());
        qputenv("DOCKER_HOST", ("unix://" + home.path() + QStringLiteral("/no-docker.sock")).toUtf8());
        QString e = testsupport::buildTestImage(images.filePath(QStringLiteral("a")), 0, &imageA);
        if (e.isEmpty())
            e = testsupport::buildTestImage(images.filePath(QStringLiteral("b")), 0, &imageB,
                                            QStringLiteral("other/tool:v2"), QStringLiteral("tool"));
        if (e.isEmpty()) {
            merged = images.filePath(QStringLiteral("both.tar"));
            e = testsupport::mergeDockerArchives({imageA.dockerArchive, imageB.dockerArchive}, merged,
                                                 images.filePath(QStringLiteral("merge")), false);
        }
        if (!e.isEmpty())
            QSKIP(qPrintable(QStringLiteral("cannot build the test images (umoci/skopeo): ") + e));
        session = std::make_unique<Session>(nullptr);
        Session::setInstance(session.get());
        QVERIFY(session->startSandbox(QStringLiteral("empty")));
        QTRY_VERIFY_WITH_TIMEOUT(!session->accountId().isEmpty(), 10000);
    }

    void cleanupTestCase()
    {
        session.reset();
        Session::setInstance(nullptr);
    }

    void pushCommandsAreTheConsolesLines()
    {
        const QStringList lines = ecr::pushCommands(QStringLiteral("123456789012"),
                                                    QStringLiteral("us-west-2"), QStringLiteral("web"));
        QCOMPARE(lines,
                 (QStringList{
                     QStringLiteral("aws ecr get-login-password --region us-west-2 | docker login "
                                    "--username AWS --password-stdin "
                                    "123456789012.dkr.ecr.us-west-2.amazonaws.com"),
                     QStringLiteral("docker build -t web ."),
                     QStringLiteral("docker tag web:latest 123456789012.dkr.ecr.us-west-2.amazonaws.com/"
                                    "web:latest"),
                     QStringLiteral("docker push 123456789012.dkr.ecr.us-west-2.amazonaws.com/web:latest")}));
        QCOMPARE(ecr::imageUri(QStringLiteral("123456789012"), QStringLiteral("us-east-1"),
                               QStringLiteral("a/b"), QStringLiteral("v1")),
                 QStringLiteral("123456789012.dkr.ecr.us-east-1.amazonaws.com/a/b:v1"));
    }

    void repositoryNameRule_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("says"); // empty: accepted
        QTest::newRow("plain") << "web"
                               << "";
        QTest::newRow("namespaced") << "team/web-app"
                                    << "";
        QTest::newRow("separators") << "a.b_c-d/e"
                                    << "";
        QTest::newRow("empty") << ""
                               << "Type a name";
        QTest::newRow("one char") << "a"
                                  << "at least 2";
        QTest::newRow("capitals") << "MyApp"
                                  << "lowercase";
        QTest::newRow("space") << "my app"
                               << "Only lowercase";
        QTest::newRow("leading slash") << "/web"
                                       << "'/'";
        QTest::newRow("double slash") << "a//b"
                                      << "'/'";
        QTest::newRow("double separator") << "a--b"
                                          << "Only lowercase";
        QTest::newRow("ends with dash") << "web-"
                                        << "Only lowercase";
        QTest::newRow("too long") << QString(257, u'a') << "at most 256";
    }
    void repositoryNameRule()
    {
        QFETCH(QString, name);
        QFETCH(QString, says);
        const QString why = ecr::checkRepositoryName(name);
        if (says.isEmpty())
            QVERIFY2(why.isEmpty(), qPrintable(why));
        else
            QVERIFY2(why.contains(says), qPrintable(why));
    }

    void tagRule_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("says");
        QTest::newRow("latest") << "latest"
                                << "";
        QTest::newRow("version") << "v1.2.3_rc-1"
                                 << "";
        QTest::newRow("underscore first") << "_x"
                                          << "";
        QTest::newRow("empty") << ""
                               << "Type a tag";
        QTest::newRow("dot first") << ".x"
                                   << "cannot start";
        QTest::newRow("dash first") << "-x"
                                    << "cannot start";
        QTest::newRow("colon") << "a:b"
                               << "Only letters";
        QTest::newRow("129") << QString(129, u'a') << "at most 128";
        QTest::newRow("128") << QString(128, u'a') << "";
    }
    void tagRule()
    {
        QFETCH(QString, tag);
        QFETCH(QString, says);
        const QString why = ecr::checkTag(tag);
        if (says.isEmpty())
            QVERIFY2(why.isEmpty(), qPrintable(why));
        else
            QVERIFY2(why.contains(says), qPrintable(why));
    }

    void sizesTimesAndErrorsInWords()
    {
        QCOMPARE(ecr::bytesText(0), QStringLiteral("0 B"));
        QCOMPARE(ecr::bytesText(48'200'000), QStringLiteral("48.2 MB"));
        QCOMPARE(ecr::progressText(1'000'000, 3'000'000, 500'000),
                 QStringLiteral("1.0 MB of 3.0 MB · 500.0 KB/s · about 4 s left"));
        QCOMPARE(ecr::progressText(5, 10, 0), QStringLiteral("5 B of 10 B"));
        QCOMPARE(ecr::durationText(3725), QStringLiteral("about 1 h 2 min"));

        aws::AwsError taken;
        taken.code = QStringLiteral("RepositoryAlreadyExistsException");
        QVERIFY(ecr::explainAwsError(taken, QStringLiteral("create the repository web"))
                    .contains(u"Pick another"));
        aws::AwsError expired;
        expired.code = QStringLiteral("ExpiredTokenException");
        QVERIFY(ecr::explainAwsError(expired, QStringLiteral("x")).contains(u"paste fresh credentials"));
        aws::AwsError network;
        network.kind = aws::ErrorKind::Network;
        network.message = QStringLiteral("Connection refused");
        const QString n = ecr::explainAwsError(network, QStringLiteral("read the repositories"));
        QVERIFY2(n.startsWith(u"Could not read the repositories.") && n.contains(u"Connection refused") &&
                     n.contains(u"network"),
                 qPrintable(n));
    }

    void createListAndRefuseADuplicate()
    {
        EcrWizard wizard;
        EcrRepositoryModel *repos = wizard.repositories();
        QAbstractItemModelTester tester(repos, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester layerTester(wizard.push()->layers(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(!repos->isLoading(), 10000);
        QCOMPARE(repos->rowCount(), 0);
        QVERIFY(!repos->emptyText().isEmpty());

        EcrRepositoryForm *form = wizard.createForm();
        form->setName(QStringLiteral("Web"));
        QVERIFY(!form->isValid());
        QVERIFY(form->nameError().contains(u"lowercase"));
        form->create(); // refused before anything is sent
        QVERIFY(!form->isBusy());
        QVERIFY(!form->error().isEmpty());

        form->setName(QStringLiteral("course/web"));
        form->setTagMutability(QStringLiteral("IMMUTABLE"));
        form->setScanOnPush(true);
        form->setEncryption(QStringLiteral("KMS"));
        const QJsonObject params = form->parameters();
        QCOMPARE(params.value(u"imageTagMutability").toString(), QStringLiteral("IMMUTABLE"));
        QCOMPARE(params.value(u"encryptionConfiguration").toObject().value(u"encryptionType").toString(),
                 QStringLiteral("KMS"));
        QSignalSpy created(form, &EcrRepositoryForm::created);
        form->create();
        QVERIFY(created.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(repos->rowCount(), 1, 10000);
        QCOMPARE(repos->selectedName(), QStringLiteral("course/web"));
        const QVariantMap row = repos->selected();
        QCOMPARE(row.value(QStringLiteral("tagMutability")).toString(), QStringLiteral("IMMUTABLE"));
        QVERIFY(row.value(QStringLiteral("scanOnPush")).toBool());
        QCOMPARE(row.value(QStringLiteral("encryption")).toString(), QStringLiteral("KMS"));
        QVERIFY(row.value(QStringLiteral("uri")).toString().endsWith(u".amazonaws.com/course/web"));
        QCOMPARE(wizard.page(), QStringLiteral("repositories"));
        QVERIFY(form->name().isEmpty()); // ready for the next one

        // The same name again: ECR refuses, the form says so and keeps what was typed.
        form->setName(QStringLiteral("course/web"));
        form->setScanOnPush(true);
        QSignalSpy errors(form, &EcrRepositoryForm::errorChanged);
        form->create();
        QVERIFY(errors.wait(10000));
        QVERIFY2(form->error().contains(u"already exists"), qPrintable(form->error()));
        QCOMPARE(form->name(), QStringLiteral("course/web"));
        QVERIFY(form->scanOnPush());

        // Push commands for it name the account's registry.
        wizard.showPushCommands(QStringLiteral("course/web"));
        QCOMPARE(wizard.page(), QStringLiteral("commands"));
        QVERIFY(wizard.commandsText().contains(
            QStringLiteral("docker push %1.dkr.ecr.%2.amazonaws.com/course/web:latest")
                .arg(session->accountId(), session->region())));

        // Deleting asks first, naming the repository; cancelling deletes nothing.
        repos->askDeleteRepository(QStringLiteral("course/web"));
        QVERIFY(repos->confirmationText().contains(u"course/web"));
        QVERIFY(repos->confirmationAction().contains(u"course/web"));
        repos->cancelConfirmation();
        QVERIFY(repos->confirmationText().isEmpty());
        repos->askDeleteRepository(QStringLiteral("course/web"));
        repos->confirm();
        QTRY_COMPARE_WITH_TIMEOUT(repos->rowCount(), 0, 10000);
        QVERIFY2(repos->error().isEmpty(), qPrintable(repos->error()));
    }

    void pushFromTheSourcesStudentsHave()
    {
        EcrWizard wizard;
        EcrRepositoryModel *repos = wizard.repositories();
        QAbstractItemModelTester tester(repos, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EcrPushJob *job = wizard.push();
        QAbstractItemModelTester layerTester(job->layers(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(!repos->isLoading(), 10000);

        // No engine here: said in words, with the file sources offered.
        QTRY_COMPARE_WITH_TIMEOUT(job->engineState(), QStringLiteral("absent"), 5000);
        QVERIFY(job->engineText().contains(u"push from a file instead"));
        job->setSourceKind(QStringLiteral("engine"));
        job->loadSource();
        QCOMPARE(job->sourceState(), QStringLiteral("error"));
        job->setSourceKind(QStringLiteral("file"));

        // Not an image: refused before anything is sent.
        job->setSourcePath(images.filePath(QStringLiteral("nothing-here.tar")));
        job->loadSource();
        QTRY_COMPARE_WITH_TIMEOUT(job->sourceState(), QStringLiteral("error"), 10000);
        QVERIFY2(job->sourceError().contains(u"does not exist"), qPrintable(job->sourceError()));
        QVERIFY(!job->canPush());

        // A tarball holding two images: pick one by name.
        job->setSourcePath(merged);
        job->loadSource();
        QTRY_VERIFY_WITH_TIMEOUT(job->sourceImages().size() == 2, 10000);
        QCOMPARE(job->sourceState(), QStringLiteral("error"));
        QVERIFY(job->sourceError().contains(u"choose the one"));
        const QString tool = job->sourceImages().filter(QStringLiteral("tool")).value(0);
        QVERIFY(!tool.isEmpty());
        job->setSourceImage(tool);
        QTRY_COMPARE_WITH_TIMEOUT(job->sourceState(), QStringLiteral("ready"), 10000);
        QVERIFY(job->sourceSummary().contains(u"tool"));

        // An OCI layout folder into a repository that does not exist yet:
        // created on the way.
        job->setSourcePath(imageA.layout);
        job->loadSource();
        QTRY_COMPARE_WITH_TIMEOUT(job->sourceState(), QStringLiteral("ready"), 10000);
        QVERIFY(job->sourceSummary().contains(u"OCI"));
        QCOMPARE(job->layers()->rowCount(), imageA.diffIds.size());
        job->setRepository(QStringLiteral("labs/oci-demo"));
        QVERIFY(job->repositoryNote().contains(u"does not exist yet"));
        job->setTag(QStringLiteral("v1"));
        QVERIFY(job->canPush());
        QSignalSpy pushed(job, &EcrPushJob::pushed);
        job->start();
        QCOMPARE(job->state(), QStringLiteral("pushing"));
        QVERIFY(!job->canPush());
        QVERIFY(pushed.wait(30000));
        QVERIFY2(job->state() == QLatin1String("done"), qPrintable(job->error()));
        QCOMPARE(job->imageUri(), QStringLiteral("%1.dkr.ecr.%2.amazonaws.com/labs/oci-demo:v1")
                                      .arg(session->accountId(), session->region()));
        QCOMPARE(job->progress(), 1.0);
        QSignalSpy use(&wizard, &EcrWizard::useImageRequested);
        job->useInTaskDefinition();
        QCOMPARE(use.size(), 1);
        QCOMPARE(use.first().first().toString(), job->imageUri());

        // Listed with its tag and digest; the image can be ticked and deleted.
        QTRY_COMPARE_WITH_TIMEOUT(repos->selected().value(QStringLiteral("imageCount")).toInt(), 1, 10000);
        QCOMPARE(repos->selectedName(), QStringLiteral("labs/oci-demo"));
        const QVariantMap img = repos->selected().value(QStringLiteral("images")).toList().first().toMap();
        QCOMPARE(img.value(QStringLiteral("digest")).toString(), job->digest());
        QCOMPARE(img.value(QStringLiteral("uri")).toString(), job->imageUri());
        repos->setImageChecked(job->digest(), true);
        QCOMPARE(repos->checkedDigests(), QStringList{job->digest()});
        QVERIFY(repos->selected()
                    .value(QStringLiteral("images"))
                    .toList()
                    .first()
                    .toMap()
                    .value(QStringLiteral("checked"))
                    .toBool());
        repos->askDeleteCheckedImages();
        QVERIFY(repos->confirmationText().contains(u"labs/oci-demo"));
        repos->confirm();
        QTRY_COMPARE_WITH_TIMEOUT(repos->selected().value(QStringLiteral("imageCount")).toInt(), 0, 10000);
        QVERIFY(repos->statusText().contains(u"1 image"));
        QVERIFY(repos->checkedDigests().isEmpty());

        // A connection dropped in the middle: the layer is sent again and the push completes.
        aws::sandbox::FaultOptions faults;
        faults.dropConnectionOnRequest = 4;
        session->sandbox()->setFaults(faults);
        job->pushAnother();
        job->setSourcePath(imageB.dockerArchive);
        job->loadSource();
        QTRY_COMPARE_WITH_TIMEOUT(job->sourceState(), QStringLiteral("ready"), 10000);
        job->setTag(QStringLiteral("after-drop"));
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(job->state() != QLatin1String("pushing"), 30000);
        session->sandbox()->setFaults({});
        QVERIFY2(job->state() == QLatin1String("done"), qPrintable(job->error()));

        // An invalid tag stops the push before it starts.
        job->pushAnother();
        job->setTag(QStringLiteral("no spaces"));
        QVERIFY(!job->canPush());
        QVERIFY(job->attention().contains(u"Only letters"));
        job->start();
        QCOMPARE(job->state(), QStringLiteral("idle"));
    }

    // An immutable repository refuses a second image under the same tag:
    // said in words with what to do, and nothing typed is lost.
    void immutableTagIsExplained()
    {
        EcrWizard wizard;
        EcrRepositoryModel *repos = wizard.repositories();
        QTRY_VERIFY_WITH_TIMEOUT(!repos->isLoading(), 10000);
        EcrRepositoryForm *form = wizard.createForm();
        form->setName(QStringLiteral("frozen"));
        form->setTagMutability(QStringLiteral("IMMUTABLE"));
        QSignalSpy created(form, &EcrRepositoryForm::created);
        form->create();
        QVERIFY(created.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(repos->indexOfKey(QStringLiteral("frozen")) >= 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!repos->isLoading(), 10000);

        EcrPushJob *job = wizard.push();
        job->setRepository(QStringLiteral("frozen"));
        job->setTag(QStringLiteral("v1"));
        for (const QString &source : {imageA.dockerArchive, imageB.dockerArchive}) {
            job->pushAnother();
            job->setSourcePath(source);
            job->loadSource();
            QTRY_COMPARE_WITH_TIMEOUT(job->sourceState(), QStringLiteral("ready"), 10000);
            job->start();
            QTRY_VERIFY_WITH_TIMEOUT(job->state() != QLatin1String("pushing"), 30000);
        }
        QCOMPARE(job->state(), QStringLiteral("failed"));
        QVERIFY2(job->error().contains(u"immutable") && job->error().contains(u"choose another tag"),
                 qPrintable(job->error()));
        QCOMPARE(job->tag(), QStringLiteral("v1"));
        QCOMPARE(job->sourcePath(), imageB.dockerArchive);
        QVERIFY(job->canPush());
    }
};

QTEST_GUILESS_MAIN(TestEcrModel)
#include "tst_ecr_model.moc"
