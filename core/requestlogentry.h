#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Orkestr {

// One finished request, for the UI's request inspector. Never holds the token.
struct RequestLogEntry
{
    QDateTime startedAt;
    QByteArray method;
    QString path;
    QString query; // percent-encoded, without the "?"
    int httpStatus = 0;
    qint64 durationMs = 0;
    QString requestId;
    int retries = 0;
    QString errorType;
};

} // namespace Orkestr

Q_DECLARE_METATYPE(Orkestr::RequestLogEntry)
