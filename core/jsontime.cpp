#include "core/jsontime.h"

#include <QTimeZone>

#include <optional>

namespace Orkestr {

namespace {
// The shape every timestamp of the API has, "2026-11-21T20:32:00.123Z", read without the general
// ISO 8601 parser (a listing page holds thousands); nothing when the text has another shape.
std::optional<QDateTime> utcTimestamp(QStringView text)
{
    if (text.size() != 24 || text[4] != u'-' || text[7] != u'-' || text[10] != u'T' || text[13] != u':'
        || text[16] != u':' || text[19] != u'.' || text[23] != u'Z')
        return std::nullopt;
    bool ok = true;
    const auto number = [&](qsizetype from, qsizetype length) {
        int value = 0;
        for (qsizetype i = from; i < from + length; ++i) {
            const char16_t c = text[i].unicode();
            ok = ok && c >= u'0' && c <= u'9';
            value = value * 10 + (c - u'0');
        }
        return value;
    };
    const QDate date(number(0, 4), number(5, 2), number(8, 2));
    const QTime time(number(11, 2), number(14, 2), number(17, 2), number(20, 3));
    if (!ok || !date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::UTC);
}
} // namespace

QDateTime dateTimeFromJson(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    const QString text = value.toString();
    if (auto time = utcTimestamp(text))
        return *time;
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QJsonValue dateTimeToJson(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return QJsonValue::Null;
    return dateTime.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace Orkestr
