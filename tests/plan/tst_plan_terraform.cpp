// The Terraform a plan renders, parsed with HashiCorp's own HCL parser
// (@cdktf/hcl2json under Node.js) and compared with the practical's main.tf
// (tests/plan/terraform/practical_main.tf, copied from the seed): the combined
// TaskOverflow plan and each wizard's plan on its own must declare the same
// resources, with the same names and the same attributes, as the practical
// does for the same inputs. Node or the parser missing is a failure, never a
// skip: ctest's setup test installs the parser from npm.
#include "ClusterForm.h"
#include "DatabaseForm.h"
#include "PracticalPlan.h"
#include "SecurityGroupForm.h"
#include "ServiceForm.h"
#include "TaskDefinitionForm.h"
#include "TerraformRenderer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {

constexpr char kPassword[] = "Canary-Passw0rd-Tf";
constexpr char kLabRole[] = "arn:aws:iam::000000000000:role/LabRole";
const QStringList kSubnets{QStringLiteral("subnet-0aaa0000000000001"),
                           QStringLiteral("subnet-0aaa0000000000002")};

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// A value with `${local.x}` and `${TYPE.LABEL.ATTR}` replaced by what `doc`
/// declares for them as literals (ids, ARNs and addresses stay references),
/// plus `extra` (attributes AWS defaults, such as the database port).
QJsonValue normalized(const QJsonValue &v, const QJsonObject &doc, const QHash<QString, QString> &extra)
{
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &e : v.toArray())
            out.append(normalized(e, doc, extra));
        return out;
    }
    if (v.isObject()) {
        QJsonObject out = v.toObject();
        for (auto it = out.begin(); it != out.end(); ++it)
            it.value() = normalized(it.value(), doc, extra);
        return out;
    }
    if (!v.isString())
        return v;
    static const QRegularExpression ref(QStringLiteral(R"(\$\{([a-z0-9_]+)\.([a-z0-9_]+)\.([a-z0-9_]+)\})"));
    static const QRegularExpression local(QStringLiteral(R"(\$\{local\.([a-z0-9_]+)\})"));
    QString s = v.toString();
    for (auto it = extra.begin(); it != extra.end(); ++it)
        s.replace(it.key(), it.value());
    const QJsonObject locals = doc.value(u"locals")[0].toObject();
    for (auto m = local.globalMatch(s); m.hasNext();) {
        const auto hit = m.next();
        if (locals.value(hit.captured(1)).isString())
            s.replace(hit.captured(0), locals.value(hit.captured(1)).toString());
    }
    for (auto m = ref.globalMatch(s); m.hasNext();) {
        const auto hit = m.next();
        const QJsonValue declared =
            doc.value(u"resource")[hit.captured(1)][hit.captured(2)][0][hit.captured(3)];
        if (declared.isString() && !declared.toString().contains(QStringLiteral("${")))
            s.replace(hit.captured(0), declared.toString());
        else if (declared.isDouble())
            s.replace(hit.captured(0), QString::number(declared.toInt()));
    }
    return s;
}

/// Every attribute and block `theirs` declares, compared with `ours`
/// (nested blocks element by element); paths in `skip` are left out.
void differences(const QJsonValue &theirs, const QJsonValue &ours, const QString &path,
                 const QStringList &skip, QStringList *out)
{
    if (skip.contains(path))
        return;
    if (theirs.isObject()) {
        if (!ours.isObject()) {
            *out << QStringLiteral("%1: expected a block/object, have %2")
                        .arg(path, QString::fromUtf8(
                                       QJsonDocument(QJsonArray{ours}).toJson(QJsonDocument::Compact)));
            return;
        }
        const QJsonObject t = theirs.toObject();
        for (auto it = t.begin(); it != t.end(); ++it)
            differences(it.value(), ours.toObject().value(it.key()),
                        path.isEmpty() ? it.key() : path + u'.' + it.key(), skip, out);
        return;
    }
    if (theirs.isArray() && ours.isArray() && theirs.toArray().size() == ours.toArray().size()) {
        for (qsizetype i = 0; i < theirs.toArray().size(); ++i)
            differences(theirs.toArray().at(i), ours.toArray().at(i),
                        QStringLiteral("%1[%2]").arg(path).arg(i), skip, out);
        return;
    }
    if (theirs != ours)
        *out << QStringLiteral("%1: main.tf has %2, ours %3")
                    .arg(path,
                         QString::fromUtf8(QJsonDocument(QJsonArray{theirs}).toJson(QJsonDocument::Compact)),
                         QString::fromUtf8(QJsonDocument(QJsonArray{ours}).toJson(QJsonDocument::Compact)));
}

} // namespace

class TestPlanTerraform : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    QString node;
    QJsonObject practicalDoc;

    /// Each HCL text parsed by HashiCorp's parser, in one Node run.
    QList<QJsonObject> parse(const QStringList &texts)
    {
        QStringList files;
        for (qsizetype i = 0; i < texts.size(); ++i) {
            const QString file = dir.filePath(QStringLiteral("case%1/main.tf").arg(m_cases++));
            QDir().mkpath(QFileInfo(file).path());
            QFile f(file);
            if (!f.open(QIODevice::WriteOnly) || f.write(texts.at(i).toUtf8()) < 0)
                qFatal("cannot write %s", qPrintable(file));
            files << file;
        }
        QProcess p;
        p.start(node, QStringList{QStringLiteral(HCL2JSON_SCRIPT), QStringLiteral(HCL2JSON_DIR)} + files);
        if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            qWarning().noquote() << "hcl2json:" << p.readAllStandardError();
            for (const QString &t : texts)
                qWarning().noquote() << t;
            return {};
        }
        const QJsonObject all = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QList<QJsonObject> out;
        for (const QString &file : files)
            out << all.value(file).toObject();
        return out;
    }

    QJsonObject parseOne(const QString &text)
    {
        const auto docs = parse({text});
        return docs.isEmpty() ? QJsonObject() : docs.first();
    }

    static QJsonObject resource(const QJsonObject &doc, const QString &type, const QString &label)
    {
        return doc.value(u"resource")[type][label][0].toObject();
    }

    /// ours against the practical's block of the same type and name.
    QStringList compareWithPractical(const QJsonObject &ours, const QString &kind, const QString &type,
                                     const QString &label, QStringList skip = {})
    {
        const QJsonObject theirs = practicalDoc.value(kind)[type][label][0].toObject();
        const QJsonObject mine = ours.value(kind)[type][label][0].toObject();
        if (theirs.isEmpty())
            return {QStringLiteral("main.tf has no %1 %2.%3").arg(kind, type, label)};
        if (mine.isEmpty())
            return {QStringLiteral("ours has no %1 %2.%3").arg(kind, type, label)};
        // The database port is AWS's default (5432) on both sides; the
        // password is a variable in ours and a local in main.tf.
        const QHash<QString, QString> extra{
            {QStringLiteral("${aws_db_instance.taskoverflow_database.port}"), QStringLiteral("5432")},
            {QStringLiteral("${var.database_password}"), QStringLiteral("<password>")},
            {QStringLiteral("${local.database_password}"), QStringLiteral("<password>")}};
        QJsonObject t = normalized(theirs, practicalDoc, extra).toObject();
        QJsonObject o = normalized(mine, ours, extra).toObject();
        if (t.contains(u"container_definitions")) {
            // main.tf has a heredoc of JSON; ours is jsonencode(): compare the containers.
            QJsonParseError error;
            const QJsonDocument defs =
                QJsonDocument::fromJson(t.value(u"container_definitions").toString().toUtf8(), &error);
            if (!defs.isArray())
                return {QStringLiteral("main.tf's container definitions: %1").arg(error.errorString())};
            t.insert(QStringLiteral("container_definitions"), defs.array());
            o.insert(QStringLiteral("container_definitions"), o.value(u"container_definitions_value"));
        }
        QStringList out;
        skip << QStringLiteral("password");
        differences(t, o, {}, skip, &out);
        return out;
    }

    int m_cases = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(dir.isValid());
        node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty())
            node = QStandardPaths::findExecutable(QStringLiteral("nodejs"));
        if (node.isEmpty())
            QFAIL("Node.js is not installed: the generated Terraform is checked with HashiCorp's HCL parser "
                  "running on Node (install Debian's 'nodejs' and 'npm'; ./dev installs them)");
        QVERIFY2(QFile::exists(QStringLiteral(HCL2JSON_DIR "/node_modules/@cdktf/hcl2json/package.json")),
                 "@cdktf/hcl2json is not installed under " HCL2JSON_DIR
                 ": run the whole plan.terraform group (ctest -R plan.terraform), whose setup installs it");
        practicalDoc = parseOne(readFile(QStringLiteral(PRACTICAL_MAIN_TF)));
        QVERIFY2(!practicalDoc.isEmpty(), "the practical's main.tf did not parse");
        QVERIFY(practicalDoc.contains(u"resource"));
    }

    void practicalPlanMatchesMainTf()
    {
        plan::PracticalInputs in;
        in.password = QString::fromLatin1(kPassword);
        in.labRoleArn = QString::fromLatin1(kLabRole);
        in.subnets = kSubnets;
        QString invalid;
        const plan::Plan p = plan::buildPracticalPlan(in, &invalid);
        QVERIFY2(invalid.isEmpty(), qPrintable(invalid));
        plan::TerraformOptions options;
        options.defaultSubnets = kSubnets;
        const QString hcl = plan::renderTerraform(p, options);
        QVERIFY2(!hcl.contains(QString::fromLatin1(kPassword)), "the password is in the masked Terraform");

        const QJsonObject ours = parseOne(hcl);
        QVERIFY2(!ours.isEmpty(), qPrintable(hcl));

        // Every resource and data source of main.tf, by type and name.
        for (const QString &kind : {QStringLiteral("resource"), QStringLiteral("data")}) {
            const QJsonObject theirs = practicalDoc.value(kind).toObject();
            for (auto type = theirs.begin(); type != theirs.end(); ++type)
                for (const QString &label : type.value().toObject().keys())
                    QVERIFY2(
                        ours.value(kind)[type.key()][label].isArray(),
                        qPrintable(QStringLiteral("no %1 %2.%3 in\n%4").arg(kind, type.key(), label, hcl)));
        }

        QStringList diffs;
        diffs << compareWithPractical(ours, QStringLiteral("resource"), QStringLiteral("aws_db_instance"),
                                      QStringLiteral("taskoverflow_database"),
                                      // Ours names the instance (the wizard's identifier) and tags it with
                                      // that name; main.tf lets Terraform name it.
                                      {QStringLiteral("tags")});
        diffs << compareWithPractical(ours, QStringLiteral("resource"), QStringLiteral("aws_security_group"),
                                      QStringLiteral("taskoverflow_database"),
                                      // A new group's default outbound rule is IPv4 only (the default
                                      // VPC has no IPv6 range); ours writes out that default.
                                      {QStringLiteral("egress[0].ipv6_cidr_blocks")});
        diffs << compareWithPractical(ours, QStringLiteral("resource"), QStringLiteral("aws_security_group"),
                                      QStringLiteral("taskoverflow"));
        diffs << compareWithPractical(ours, QStringLiteral("resource"), QStringLiteral("aws_ecs_cluster"),
                                      QStringLiteral("taskoverflow"));
        diffs << compareWithPractical(
            ours, QStringLiteral("resource"), QStringLiteral("aws_ecs_task_definition"),
            QStringLiteral("taskoverflow"),
            // Container-level copies of the task size and network mode: the task's own apply on Fargate.
            {QStringLiteral("container_definitions[0].cpu"),
             QStringLiteral("container_definitions[0].memory"),
             QStringLiteral("container_definitions[0].networkMode")});
        diffs << compareWithPractical(ours, QStringLiteral("resource"), QStringLiteral("aws_ecs_service"),
                                      QStringLiteral("taskoverflow"));
        for (const QString &label :
             {QStringLiteral("lab"), QStringLiteral("default"), QStringLiteral("private")})
            for (const QString &type :
                 {QStringLiteral("aws_iam_role"), QStringLiteral("aws_vpc"), QStringLiteral("aws_subnets")})
                if (practicalDoc.value(u"data")[type][label].isArray())
                    diffs << compareWithPractical(ours, QStringLiteral("data"), type, label);
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(u'\n') + QStringLiteral("\n\n") + hcl));

        // The attributes the practical turns on, spelled out (a regression in the
        // comparison itself must not pass silently).
        const QJsonObject db =
            resource(ours, QStringLiteral("aws_db_instance"), QStringLiteral("taskoverflow_database"));
        QCOMPARE(db.value(u"engine").toString(), QStringLiteral("postgres"));
        QCOMPARE(db.value(u"instance_class").toString(), QStringLiteral("db.t3.micro"));
        QCOMPARE(db.value(u"allocated_storage").toInt(), 20);
        QCOMPARE(db.value(u"db_name").toString(), QStringLiteral("todo"));
        QCOMPARE(db.value(u"username").toString(), QStringLiteral("administrator"));
        QCOMPARE(db.value(u"password").toString(), QStringLiteral("${var.database_password}"));
        QCOMPARE(db.value(u"publicly_accessible").toBool(), true);
        QCOMPARE(db.value(u"skip_final_snapshot").toBool(), true);
        QCOMPARE(db.value(u"vpc_security_group_ids").toArray().at(0).toString(),
                 QStringLiteral("${aws_security_group.taskoverflow_database.id}"));
        QVERIFY(ours.value(u"variable")[QStringLiteral("database_password")][0][QStringLiteral("sensitive")]
                    .toBool());
        QVERIFY(
            !ours.value(u"variable")[QStringLiteral("database_password")][0].toObject().contains(u"default"));

        const QJsonObject td =
            resource(ours, QStringLiteral("aws_ecs_task_definition"), QStringLiteral("taskoverflow"));
        QCOMPARE(td.value(u"cpu").toInt(), 1024);
        QCOMPARE(td.value(u"memory").toInt(), 2048);
        QCOMPARE(td.value(u"network_mode").toString(), QStringLiteral("awsvpc"));
        QCOMPARE(td.value(u"requires_compatibilities").toArray(), QJsonArray{QStringLiteral("FARGATE")});
        QCOMPARE(td.value(u"execution_role_arn").toString(), QStringLiteral("${data.aws_iam_role.lab.arn}"));
        QVERIFY2(td.value(u"container_definitions").toString().startsWith(QStringLiteral("${jsonencode(")),
                 "container_definitions is not jsonencode()");
        const QJsonObject container = td.value(u"container_definitions_value")[0].toObject();
        QCOMPARE(container.value(u"portMappings")[0][QStringLiteral("containerPort")].toInt(), 6400);
        QCOMPARE(container.value(u"environment")[0][QStringLiteral("value")].toString(),
                 QStringLiteral("postgresql://administrator:${var.database_password}@${aws_db_instance."
                                "taskoverflow_database.address}:5432/todo"));
        QCOMPARE(
            container.value(u"logConfiguration")[QStringLiteral("options")][QStringLiteral("awslogs-group")]
                .toString(),
            QStringLiteral("${aws_cloudwatch_log_group.taskoverflow_todo.name}"));
        QCOMPARE(
            resource(ours, QStringLiteral("aws_cloudwatch_log_group"), QStringLiteral("taskoverflow_todo"))
                .value(u"name")
                .toString(),
            QStringLiteral("/taskoverflow/todo"));

        const QJsonObject svc =
            resource(ours, QStringLiteral("aws_ecs_service"), QStringLiteral("taskoverflow"));
        QCOMPARE(svc.value(u"desired_count").toInt(), 1);
        QCOMPARE(svc.value(u"launch_type").toString(), QStringLiteral("FARGATE"));
        QCOMPARE(svc.value(u"cluster").toString(), QStringLiteral("${aws_ecs_cluster.taskoverflow.id}"));
        QCOMPARE(svc.value(u"task_definition").toString(),
                 QStringLiteral("${aws_ecs_task_definition.taskoverflow.arn}"));
        const QJsonObject net = svc.value(u"network_configuration")[0].toObject();
        QCOMPARE(net.value(u"assign_public_ip").toBool(), true);
        QCOMPARE(net.value(u"subnets").toString(), QStringLiteral("${data.aws_subnets.private.ids}"));
        QCOMPARE(net.value(u"security_groups").toArray(),
                 QJsonArray{QStringLiteral("${aws_security_group.taskoverflow.id}")});

        QList<int> ports;
        for (const QString &label : {QStringLiteral("taskoverflow_database"), QStringLiteral("taskoverflow")})
            for (const QJsonValue &in :
                 resource(ours, QStringLiteral("aws_security_group"), label).value(u"ingress").toArray())
                ports << in[QStringLiteral("from_port")].toInt();
        QCOMPARE(ports, (QList<int>{5432, 6400, 22}));

        // Every resource carries the stack's tags, so teardown finds what Terraform made too.
        const QJsonObject tags =
            ours.value(u"provider")[QStringLiteral("aws")][0][QStringLiteral("default_tags")][0]
                                   [QStringLiteral("tags")]
                                       .toObject();
        QCOMPARE(tags.value(u"deploy-console:stack").toString(), QStringLiteral("taskoverflow"));
    }

    void revealedPasswordIsTheVariablesDefault()
    {
        plan::PracticalInputs in;
        in.password = QString::fromLatin1(kPassword);
        in.labRoleArn = QString::fromLatin1(kLabRole);
        in.subnets = kSubnets;
        plan::TerraformOptions options;
        options.revealSecrets = true;
        const QString hcl = plan::renderTerraform(plan::buildPracticalPlan(in), options);
        const QJsonObject ours = parseOne(hcl);
        QVERIFY2(!ours.isEmpty(), qPrintable(hcl));
        QCOMPARE(ours.value(u"variable")[QStringLiteral("database_password")][0][QStringLiteral("default")]
                     .toString(),
                 QString::fromLatin1(kPassword));
        // Still one place: the URI refers to the variable.
        QCOMPARE(hcl.count(QString::fromLatin1(kPassword)), 1);
    }

    void eachWizardOnItsOwn()
    {
        SecurityGroupForm sg;
        sg.fillPractical();
        DatabaseForm db;
        db.fillPractical();
        db.setValue(QStringLiteral("password"), QString::fromLatin1(kPassword));
        db.setValue(QStringLiteral("confirmPassword"), QString::fromLatin1(kPassword));
        db.setValue(QStringLiteral("securityGroupIds"), QStringList{QStringLiteral("sg-0123456789abcdef0")});
        ClusterForm cluster;
        cluster.fillPractical();
        TaskDefinitionForm td;
        td.fillPractical(QStringLiteral("ghcr.io/csse6400/taskoverflow:latest"),
                         QString::fromLatin1(kLabRole),
                         QStringLiteral("postgresql://administrator:pw@db.invalid:5432/todo"),
                         QStringLiteral("us-east-1"));
        ServiceForm svc;
        svc.fillPractical(kSubnets, {QStringLiteral("sg-0123456789abcdef1")});
        const QList<const WizardForm *> forms{&sg, &db, &cluster, &td, &svc};
        QStringList texts;
        for (const WizardForm *f : forms) {
            QVERIFY2(f->isValid(), qPrintable(f->attention()));
            texts << plan::renderTerraform(f->buildPlan());
        }
        const QList<QJsonObject> docs = parse(texts);
        QCOMPARE(docs.size(), forms.size());
        for (qsizetype i = 0; i < docs.size(); ++i)
            QVERIFY2(!docs.at(i).isEmpty(), qPrintable(texts.at(i)));

        QStringList diffs;
        diffs << compareWithPractical(
            docs[0], QStringLiteral("resource"), QStringLiteral("aws_security_group"),
            QStringLiteral("taskoverflow_database"), {QStringLiteral("egress[0].ipv6_cidr_blocks")});
        // On its own the database names an existing group by id.
        diffs << compareWithPractical(docs[1], QStringLiteral("resource"), QStringLiteral("aws_db_instance"),
                                      QStringLiteral("taskoverflow_database"),
                                      {QStringLiteral("tags"), QStringLiteral("vpc_security_group_ids")});
        diffs << compareWithPractical(docs[2], QStringLiteral("resource"), QStringLiteral("aws_ecs_cluster"),
                                      QStringLiteral("taskoverflow"));
        diffs << compareWithPractical(docs[3], QStringLiteral("data"), QStringLiteral("aws_iam_role"),
                                      QStringLiteral("lab"));
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(u'\n')));

        const QJsonObject dbr =
            resource(docs[1], QStringLiteral("aws_db_instance"), QStringLiteral("taskoverflow_database"));
        QCOMPARE(dbr.value(u"vpc_security_group_ids").toArray(),
                 QJsonArray{QStringLiteral("sg-0123456789abcdef0")});
        QCOMPARE(dbr.value(u"password").toString(), QStringLiteral("${var.database_password}"));
        QVERIFY(!texts[1].contains(QString::fromLatin1(kPassword)));

        const QJsonObject tdr =
            resource(docs[3], QStringLiteral("aws_ecs_task_definition"), QStringLiteral("taskoverflow"));
        QCOMPARE(tdr.value(u"network_mode").toString(), QStringLiteral("awsvpc"));
        QCOMPARE(tdr.value(u"requires_compatibilities").toArray(), QJsonArray{QStringLiteral("FARGATE")});
        QCOMPARE(tdr.value(u"cpu").toInt(), 1024);
        QCOMPARE(tdr.value(u"memory").toInt(), 2048);
        QCOMPARE(tdr.value(u"execution_role_arn").toString(), QStringLiteral("${data.aws_iam_role.lab.arn}"));
        const QJsonObject c = tdr.value(u"container_definitions_value")[0].toObject();
        QCOMPARE(c.value(u"name").toString(), QStringLiteral("todo"));
        QCOMPARE(c.value(u"image").toString(), QStringLiteral("ghcr.io/csse6400/taskoverflow:latest"));
        QCOMPARE(c.value(u"portMappings")[0][QStringLiteral("containerPort")].toInt(), 6400);
        QCOMPARE(c.value(u"portMappings")[0][QStringLiteral("hostPort")].toInt(), 6400);

        const QJsonObject sr =
            resource(docs[4], QStringLiteral("aws_ecs_service"), QStringLiteral("taskoverflow"));
        // On its own the service names the cluster and family that exist.
        QCOMPARE(sr.value(u"cluster").toString(), QStringLiteral("taskoverflow"));
        QCOMPARE(sr.value(u"task_definition").toString(), QStringLiteral("taskoverflow"));
        QCOMPARE(sr.value(u"desired_count").toInt(), 1);
        QCOMPARE(sr.value(u"launch_type").toString(), QStringLiteral("FARGATE"));
        const QJsonObject net = sr.value(u"network_configuration")[0].toObject();
        QCOMPARE(net.value(u"assign_public_ip").toBool(), true);
        QCOMPARE(net.value(u"subnets").toString(), QStringLiteral("${data.aws_subnets.private.ids}"));
        QCOMPARE(net.value(u"security_groups").toArray(), QJsonArray{QStringLiteral("sg-0123456789abcdef1")});
        QVERIFY(docs[4]
                    .value(u"data")[QStringLiteral("aws_vpc")][QStringLiteral("default")][0]
                                   [QStringLiteral("default")]
                    .toBool());
    }

    void subnetsOtherThanTheDefaultVpcsAreListed()
    {
        ServiceForm svc;
        svc.fillPractical({QStringLiteral("subnet-0bbb0000000000009")},
                          {QStringLiteral("sg-0123456789abcdef1")});
        plan::TerraformOptions options;
        options.defaultSubnets = kSubnets;
        const QJsonObject doc = parseOne(plan::renderTerraform(svc.buildPlan(), options));
        const QJsonObject net =
            resource(doc, QStringLiteral("aws_ecs_service"), QStringLiteral("taskoverflow"))
                .value(u"network_configuration")[0]
                .toObject();
        QCOMPARE(net.value(u"subnets").toArray(), QJsonArray{QStringLiteral("subnet-0bbb0000000000009")});
        QVERIFY(!doc.contains(u"data"));
    }

    void awkwardValuesStayLiteral()
    {
        // Quotes, backslashes, newlines and things that look like interpolations
        // must come back from the parser as the plain text they were.
        SecurityGroupForm sg;
        sg.setValue(QStringLiteral("name"), QStringLiteral("web (\"prod\") ${x} %{y}"));
        sg.setValue(QStringLiteral("description"), QStringLiteral("back\\slash $${z} 50% {a}"));
        sg.addQuickRule(QStringLiteral("http"));
        sg.setRule(0, QStringLiteral("description"), QStringLiteral("from \"anywhere\""));
        ClusterForm cluster;
        cluster.setValue(QStringLiteral("name"), QStringLiteral("9lives"));
        const QStringList texts{plan::renderTerraform(sg.buildPlan()),
                                plan::renderTerraform(cluster.buildPlan())};
        const QList<QJsonObject> docs = parse(texts);
        QCOMPARE(docs.size(), 2);
        const QJsonObject &doc = docs.first();
        QVERIFY2(!doc.isEmpty(), qPrintable(texts.first()));
        const QJsonObject group = doc.value(u"resource")[QStringLiteral("aws_security_group")].toObject();
        QCOMPARE(group.keys(), QStringList{QStringLiteral("web_prod_x_y")});
        const QJsonObject g = group.value(u"web_prod_x_y")[0].toObject();
        // hcl2json shows a literal `$${` as the template source, so compare it unescaped.
        QString name = g.value(u"name").toString();
        name.replace(QStringLiteral("$${"), QStringLiteral("${"))
            .replace(QStringLiteral("%%{"), QStringLiteral("%{"));
        QCOMPARE(name, QStringLiteral("web (\"prod\") ${x} %{y}"));
        QCOMPARE(g.value(u"ingress")[0][QStringLiteral("description")].toString(),
                 QStringLiteral("from \"anywhere\""));
        QCOMPARE(g.value(u"ingress")[0][QStringLiteral("from_port")].toInt(), 80);
        QVERIFY2(docs.last()
                     .value(u"resource")[QStringLiteral("aws_ecs_cluster")][QStringLiteral("r_9lives")]
                     .isArray(),
                 qPrintable(texts.last()));
    }

    void repositoriesRulesOnExistingGroupsAndOtherRoles()
    {
        // A plan of the kinds no wizard makes yet: an ECR repository its task runs
        // an image from, and a rule added to a group that already exists.
        plan::Plan p;
        p.title = QStringLiteral("Own image");
        p.stackName = QStringLiteral("own");
        plan::PlanStep repo;
        repo.id = QStringLiteral("createRepo");
        repo.service = QStringLiteral("ecr");
        repo.operation = QStringLiteral("CreateRepository");
        repo.params = {{QStringLiteral("repositoryName"), QStringLiteral("own/web")},
                       {QStringLiteral("imageTagMutability"), QStringLiteral("IMMUTABLE")}};
        plan::PlanStep rule;
        rule.id = QStringLiteral("openExisting");
        rule.service = QStringLiteral("ec2");
        rule.operation = QStringLiteral("AuthorizeSecurityGroupIngress");
        rule.params = {{QStringLiteral("GroupId"), QStringLiteral("sg-0123456789abcdef0")},
                       {QStringLiteral("IpPermissions"),
                        QJsonArray{QJsonObject{{QStringLiteral("IpProtocol"), QStringLiteral("tcp")},
                                               {QStringLiteral("FromPort"), 8080},
                                               {QStringLiteral("ToPort"), 8080},
                                               {QStringLiteral("IpRanges"),
                                                QJsonArray{QJsonObject{{QStringLiteral("CidrIp"),
                                                                        QStringLiteral("0.0.0.0/0")}}}}}}}};
        plan::PlanStep reg;
        reg.id = QStringLiteral("registerTaskDef");
        reg.service = QStringLiteral("ecs");
        reg.operation = QStringLiteral("RegisterTaskDefinition");
        reg.params = {
            {QStringLiteral("family"), QStringLiteral("own")},
            {QStringLiteral("cpu"), QStringLiteral("256")},
            {QStringLiteral("memory"), QStringLiteral("512")},
            {QStringLiteral("executionRoleArn"),
             QStringLiteral("arn:aws:iam::000000000000:role/ecsTaskExecutionRole")},
            {QStringLiteral("containerDefinitions"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("name"), QStringLiteral("web")},
                 {QStringLiteral("image"), QStringLiteral("${createRepo.repository.repositoryUri}:v1")}}}}};
        plan::PlanStep wait; // not a resource: a note, not a block
        wait.id = QStringLiteral("look");
        wait.title = QStringLiteral("Look at the clusters");
        wait.service = QStringLiteral("ecs");
        wait.operation = QStringLiteral("ListClusters");
        p.steps = {repo, rule, reg, wait};
        const QString hcl = plan::renderTerraform(p);
        const QJsonObject doc = parseOne(hcl);
        QVERIFY2(!doc.isEmpty(), qPrintable(hcl));
        const QJsonObject r = resource(doc, QStringLiteral("aws_ecr_repository"), QStringLiteral("own_web"));
        QCOMPARE(r.value(u"name").toString(), QStringLiteral("own/web"));
        QCOMPARE(r.value(u"image_tag_mutability").toString(), QStringLiteral("IMMUTABLE"));
        QCOMPARE(r.value(u"force_delete").toBool(), true);
        const QJsonObject in = doc.value(u"resource")[QStringLiteral("aws_vpc_security_group_ingress_rule")]
                                   .toObject()
                                   .begin()
                                   ->toArray()
                                   .at(0)
                                   .toObject();
        QCOMPARE(in.value(u"security_group_id").toString(), QStringLiteral("sg-0123456789abcdef0"));
        QCOMPARE(in.value(u"from_port").toInt(), 8080);
        QCOMPARE(in.value(u"cidr_ipv4").toString(), QStringLiteral("0.0.0.0/0"));
        const QJsonObject td =
            resource(doc, QStringLiteral("aws_ecs_task_definition"), QStringLiteral("own"));
        QCOMPARE(td.value(u"execution_role_arn").toString(),
                 QStringLiteral("${data.aws_iam_role.ecstaskexecutionrole.arn}"));
        QCOMPARE(doc.value(u"data")[QStringLiteral("aws_iam_role")][QStringLiteral("ecstaskexecutionrole")][0]
                                   [QStringLiteral("name")]
                                       .toString(),
                 QStringLiteral("ecsTaskExecutionRole"));
        QCOMPARE(td.value(u"container_definitions_value")[0][QStringLiteral("image")].toString(),
                 QStringLiteral("${aws_ecr_repository.own_web.repository_url}:v1"));
        QVERIFY(
            hcl.contains(u"# \"Look at the clusters\" (ecs ListClusters) has no Terraform resource here."));
    }

    void labelsAreTerraformNames()
    {
        QCOMPARE(plan::terraformLabel(QStringLiteral("taskoverflow-database")),
                 QStringLiteral("taskoverflow_database"));
        QCOMPARE(plan::terraformLabel(QStringLiteral("/taskoverflow/todo")),
                 QStringLiteral("taskoverflow_todo"));
        QCOMPARE(plan::terraformLabel(QStringLiteral("9lives")), QStringLiteral("r_9lives"));
        QCOMPARE(plan::terraformLabel(QStringLiteral("---")), QStringLiteral("this"));
    }
};

QTEST_GUILESS_MAIN(TestPlanTerraform)
#include "tst_plan_terraform.moc"
