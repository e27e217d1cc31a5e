#include "tsfile.h"

#include <QFile>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace I18nCheck {

TsFile parseTs(const QByteArray &xml)
{
    TsFile ts;
    QXmlStreamReader reader(xml);
    QString context;
    while (!reader.atEnd()) {
        reader.readNext();
        if (!reader.isStartElement())
            continue;
        const auto name = reader.name();
        if (name == u"TS") {
            ts.language = reader.attributes().value(u"language"_s).toString();
            ts.sourceLanguage = reader.attributes().value(u"sourcelanguage"_s).toString();
        } else if (name == u"context") {
            context.clear();
        } else if (name == u"name") {
            context = reader.readElementText();
        } else if (name == u"message") {
            TsMessage message;
            message.context = context;
            message.numerus = reader.attributes().value(u"numerus"_s) == u"yes";
            // Read the message's children up to its end element.
            while (!(reader.isEndElement() && reader.name() == u"message") && !reader.atEnd()) {
                reader.readNext();
                if (!reader.isStartElement())
                    continue;
                const auto child = reader.name();
                if (child == u"source") {
                    message.source = reader.readElementText();
                } else if (child == u"comment") {
                    message.comment = reader.readElementText();
                } else if (child == u"translation") {
                    message.type = reader.attributes().value(u"type"_s).toString();
                    if (!message.numerus) {
                        message.translations.append(reader.readElementText());
                    } else {
                        while (!(reader.isEndElement() && reader.name() == u"translation")
                               && !reader.atEnd()) {
                            reader.readNext();
                            if (reader.isStartElement() && reader.name() == u"numerusform")
                                message.translations.append(reader.readElementText());
                        }
                    }
                }
            }
            ts.messages.append(message);
        }
    }
    if (reader.hasError())
        ts.error = u"line %1: %2"_s.arg(reader.lineNumber()).arg(reader.errorString());
    return ts;
}

TsFile readTsFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        TsFile ts;
        ts.error = file.errorString();
        return ts;
    }
    return parseTs(file.readAll());
}

} // namespace I18nCheck
