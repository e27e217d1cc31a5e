#pragma once

// A Qt Linguist .ts file as the i18n tests need it, read with QXmlStreamReader.

#include <QList>
#include <QString>
#include <QStringList>

namespace I18nCheck {

struct TsMessage
{
    QString context;
    QString source;
    QString comment; // the disambiguation
    bool numerus = false;
    // The type attribute of <translation>: "" when finished, else "unfinished", "vanished" or
    // "obsolete".
    QString type;
    QStringList translations; // one, or one per <numerusform>

    // What identifies a message for lupdate and QTranslator.
    QString key() const
    {
        return context + QChar(0x1f) + source + QChar(0x1f) + comment
            + (numerus ? QStringLiteral("\x1fN") : QString());
    }
};

struct TsFile
{
    QString language; // the TS element's language attribute
    QString sourceLanguage;
    QList<TsMessage> messages;
    QString error; // empty when the file was read completely
};

TsFile readTsFile(const QString &path);
TsFile parseTs(const QByteArray &xml);

} // namespace I18nCheck
