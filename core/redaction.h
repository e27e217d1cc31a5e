#pragma once

#include <QJsonValue>
#include <QString>

namespace Orkestr {

// The API token never appears in what we show or log: every text that may echo it (an error a
// server sent, a URL, a log line) goes through these before it leaves the client.
inline constexpr QLatin1StringView RedactedSecret("ork_***");

// `text` with every occurrence of `secret` replaced by RedactedSecret (unchanged when the secret
// is empty).
QString redacted(QString text, const QString &secret);
// Every string in a JSON value, keys included, with the secret replaced.
QJsonValue redacted(const QJsonValue &value, const QString &secret);

} // namespace Orkestr
