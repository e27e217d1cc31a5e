// fuzz_server_monitor: orkestr-local's parsing of the metrics and processes endpoints
// (GET .../metrics?since=, POST .../processes/{pid}/signal).
//
// Input: a first line that is a URL query string (the part after '?'), the rest a signal body.
// Properties: an accepted metrics query's since is the default (an hour before now) when the
// query has none, else the instant of a valid RFC 3339 timestamp with a zone, which reads back
// the same; an accepted signal is a whole number from 1 to 31 given as "signal" in a JSON object;
// every refusal is 400 invalid_request naming the field ("since" or "signal").

#include "fuzz/fuzzinput.h"
#include "server/monitorparsing.h"

#include <QDateTime>
#include <QRegularExpression>

#include <cmath>

using namespace OrkestrFuzz;
using namespace OrkestrLocal;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const QUrlQuery query(QString::fromUtf8(input.line()));
    const QByteArray body = input.rest();

    constexpr qint64 now = 1795000000000; // a fixed "now": the property must not depend on the clock
    qint64 since = 0;
    if (const auto problem = parseMetricsQuery(query, now, &since)) {
        FUZZ_CHECK(problem->status == 400 && problem->type == u"invalid_request"_s);
        FUZZ_CHECK(problem->extra.value(u"field"_s).toString() == u"since"_s);
        FUZZ_CHECK(query.hasQueryItem(u"since"_s));
    } else if (!query.hasQueryItem(u"since"_s)) {
        FUZZ_CHECK(since == now - 3600LL * 1000);
    } else {
        const QString text = query.queryItemValue(u"since"_s, QUrl::FullyDecoded).toUpper();
        // Computed apart from the parser: the seconds with their zone, plus the fraction's first
        // three digits as milliseconds.
        const auto zoneAt = text.indexOf(QRegularExpression(u"[Z+-]"_s), 19);
        FUZZ_CHECK(zoneAt >= 19 && text.at(10) == u'T');
        const QDateTime seconds = QDateTime::fromString(text.left(19) + text.mid(zoneAt), Qt::ISODate);
        const qint64 fractionMs
            = zoneAt > 19 ? (text.mid(20, zoneAt - 20) + u"00"_s).left(3).toLongLong() : 0;
        FUZZ_CHECK(seconds.isValid() && since == seconds.toMSecsSinceEpoch() + fractionMs);
    }

    QJsonObject object;
    if (parseJsonObjectBody(body, &object))
        return 0; // not a JSON object: answered before the signal is looked at
    int signal = 0;
    if (const auto problem = parseSignalRequest(object, &signal)) {
        FUZZ_CHECK(problem->status == 400 && problem->type == u"invalid_request"_s);
        FUZZ_CHECK(problem->extra.value(u"field"_s).toString() == u"signal"_s);
        const QJsonValue value = object.value(u"signal"_s);
        FUZZ_CHECK(!value.isDouble() || value.toDouble() != std::floor(value.toDouble())
                   || value.toDouble() < 1 || value.toDouble() > 31);
    } else {
        FUZZ_CHECK(signal >= 1 && signal <= 31);
        FUZZ_CHECK(object.value(u"signal"_s).toDouble() == signal);
    }
    return 0;
}
