#include "core/ptyframes.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
// A JSON number that is an integer within [min, max], or nothing.
std::optional<qint64> integerIn(const QJsonValue &value, qint64 min, qint64 max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || number != std::floor(number) || number < double(min)
        || number > double(max))
        return std::nullopt;
    return qint64(number);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

PtyServerFrame parsePtyServerFrame(QByteArrayView utf8)
{
    PtyServerFrame frame;
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(utf8.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return frame;
    const QJsonObject object = document.object();
    const QJsonValue type = object.value(u"type"_s);
    if (!type.isString())
        return frame;
    if (type.toString() != u"exit"_s) {
        frame.type = PtyServerFrame::Type::Unknown;
        return frame;
    }
    constexpr qint64 IntMax = std::numeric_limits<int>::max();
    const QJsonValue signal = object.value(u"signal"_s);
    const auto signalNumber = integerIn(signal, 1, 255);
    if (!signal.isNull() && !signal.isUndefined() && !signalNumber)
        return frame;
    // exit_code is null when a signal ended the shell; the contract's example gives 0 with a null signal.
    const QJsonValue exitCode = object.value(u"exit_code"_s);
    const auto code = integerIn(exitCode, -1, IntMax);
    if (!code && !(exitCode.isNull() && signalNumber))
        return frame;
    const auto duration
        = integerIn(object.value(u"duration_ms"_s), 0, std::numeric_limits<qint64>::max() / 2);
    frame.type = PtyServerFrame::Type::Exit;
    frame.exit.exitCode = code ? int(*code) : -1;
    if (signalNumber)
        frame.exit.signal = int(*signalNumber);
    frame.exit.durationMs = duration.value_or(0);
    return frame;
}

QByteArray ptyResizeFrame(int cols, int rows)
{
    return compact({{u"type"_s, u"resize"_s}, {u"cols"_s, cols}, {u"rows"_s, rows}});
}

QByteArray ptySignalFrame(int signal)
{
    return compact({{u"type"_s, u"signal"_s}, {u"signal"_s, signal}});
}

} // namespace Orkestr
