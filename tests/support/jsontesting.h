#pragma once

// A test's JSON written inline, read as the object it must be; anything else stops the test
// program (the test itself is wrong, not the code under test).

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

inline QJsonObject parseTestObject(const char *json)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}
