#include "WizardForm.h"

#include <QJsonDocument>
#include <QRegularExpression>

WizardForm::WizardForm(QObject *parent)
    : QObject(parent)
{}

void WizardForm::addField(const QString &key, const QString &label, const QVariant &initial,
                          const QString &rule)
{
    m_fields.append(FieldState{key, label, initial, {}, rule, {}});
}

FieldState WizardForm::field(const QString &key) const
{
    for (const FieldState &f : m_fields)
        if (f.key == key)
            return f;
    return {};
}

QVariant WizardForm::value(const QString &key) const
{
    return field(key).value;
}

static QVariant coerced(const QVariant &current, const QVariant &typed)
{
    if (typed.typeId() != QMetaType::QString)
        return typed;
    const QString text = typed.toString();
    if (current.typeId() == QMetaType::QStringList) {
        QStringList out;
        for (const QString &part :
             text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
            out.append(part);
        return out;
    }
    if (current.typeId() == QMetaType::QVariantMap) {
        QVariantMap out;
        for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
            const qsizetype eq = line.indexOf(u'=');
            if (eq >= 0) // an empty name stays, for the rule to point at
                out.insert(line.left(eq).trimmed(), line.mid(eq + 1));
            else if (!line.trimmed().isEmpty())
                out.insert(line.trimmed(), QString());
        }
        return out;
    }
    return typed;
}

void WizardForm::setValue(const QString &key, const QVariant &value)
{
    for (FieldState &f : m_fields)
        if (f.key == key)
            f.value = coerced(f.value, value);
    // Revalidate everything: some rules span fields (autoscaling vs storage).
    revalidateAll();
}

void WizardForm::toggleListValue(const QString &key, const QString &entry, bool on)
{
    QStringList list = value(key).toStringList();
    list.removeAll(entry);
    if (on)
        list.append(entry);
    setValue(key, list);
}

QString WizardForm::text(const QString &key) const
{
    const QVariant v = value(key);
    if (v.typeId() == QMetaType::QStringList)
        return v.toStringList().join(QStringLiteral(", "));
    if (v.typeId() == QMetaType::QVariantMap) {
        QStringList lines;
        const QVariantMap map = v.toMap();
        for (auto it = map.begin(); it != map.end(); ++it)
            lines.append(it.key() + u'=' + it.value().toString());
        return lines.join(u'\n');
    }
    return v.toString();
}

void WizardForm::setChoices(const QString &key, const QVariantList &choices)
{
    for (FieldState &f : m_fields)
        if (f.key == key) {
            if (f.choices == choices)
                return;
            f.choices = choices;
        }
    emit fieldsChanged();
}

void WizardForm::revalidateAll()
{
    for (FieldState &f : m_fields)
        f.error = validate(f.key);
    emit fieldsChanged();
}

QVariantList WizardForm::fieldList() const
{
    QVariantList out;
    for (const FieldState &f : m_fields)
        out.append(QVariant::fromValue(f));
    return out;
}

QStringList WizardForm::keys() const
{
    QStringList out;
    for (const FieldState &f : m_fields)
        out.append(f.key);
    return out;
}

bool WizardForm::isValid() const
{
    return std::all_of(m_fields.begin(), m_fields.end(), [](const FieldState &f) { return f.ok(); });
}

QString WizardForm::attention() const
{
    QStringList bad;
    for (const FieldState &f : m_fields)
        if (!f.ok())
            bad.append(f.label);
    if (bad.isEmpty())
        return {};
    return QStringLiteral("%1 %2 attention: %3")
        .arg(bad.size())
        .arg(bad.size() == 1 ? QStringLiteral("field needs") : QStringLiteral("fields need"),
             bad.join(QStringLiteral(", ")));
}

void WizardForm::next()
{
    if (m_page == u"form" && isValid()) {
        m_page = QStringLiteral("review");
        emit pageChanged();
    }
}

void WizardForm::setPage(const QString &page)
{
    if (m_page != page) {
        m_page = page;
        emit pageChanged();
    }
}

void WizardForm::back()
{
    if (m_page != u"form") {
        m_page = QStringLiteral("form");
        emit pageChanged();
    }
}
