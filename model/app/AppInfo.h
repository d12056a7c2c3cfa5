#pragma once
// Build facts shown in the window (version, what the app is talking to).

#include <QObject>
#include <QtQml/qqmlregistration.h>

class AppInfo : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
public:
    using QObject::QObject;
    QString version() const;
};
