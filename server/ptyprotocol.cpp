#include "server/ptyprotocol.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxTerminalSide = 1000;

RequestProblem invalidQuery(const QString &field, const QString &message)
{
    return {400, u"invalid_request"_s, message, {{u"field"_s, field}}};
}

// A whole number in range from a JSON value (resize and signal frames).
std::optional<int> jsonNumberIn(const QJsonValue &value, int lowest, int highest)
{
    if (!isWholeNumber(value) || value.toInteger() < lowest || value.toInteger() > highest)
        return std::nullopt;
    return int(value.toInteger());
}

} // namespace

std::optional<RequestProblem> parsePtyQuery(const QUrlQuery &query, PtyRequest *request)
{
    static const QRegularExpression digits(u"\\A[0-9]{1,4}\\z"_s);
    for (auto [field, target] :
         {std::pair {u"cols"_s, &request->cols}, std::pair {u"rows"_s, &request->rows}}) {
        if (!query.hasQueryItem(field))
            continue;
        const QString text = query.queryItemValue(field, QUrl::FullyDecoded);
        const int value = digits.match(text).hasMatch() ? text.toInt() : 0;
        if (value < 1 || value > MaxTerminalSide)
            return invalidQuery(field,
                                u"%1 must be a whole number from 1 to %2."_s.arg(field).arg(MaxTerminalSide));
        *target = value;
    }
    if (query.hasQueryItem(u"cwd"_s)) {
        request->cwd = query.queryItemValue(u"cwd"_s, QUrl::FullyDecoded);
        if (!request->cwd.startsWith(u'/') || request->cwd.contains(QChar(0)))
            return invalidQuery(u"cwd"_s, u"cwd must be an absolute path."_s);
    }
    if (query.hasQueryItem(u"command"_s)) {
        request->command = query.queryItemValue(u"command"_s, QUrl::FullyDecoded);
        if (request->command.trimmed().isEmpty() || request->command.contains(QChar(0)))
            return invalidQuery(
                u"command"_s,
                u"command must not be empty (leave it out for the login shell) or hold a NUL."_s);
    }
    return std::nullopt;
}

PtyControl parsePtyControl(QByteArrayView frame)
{
    PtyControl control;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray(), &error);
    const QJsonObject object = document.object();
    if (error.error != QJsonParseError::NoError || !document.isObject()
        || !object.value(u"type"_s).isString()) {
        control.problem = u"a control frame must be a JSON object with a string \"type\""_s;
        return control;
    }
    const QString type = object.value(u"type"_s).toString();
    if (type == u"resize"_s) {
        const auto cols = jsonNumberIn(object.value(u"cols"_s), 1, MaxTerminalSide);
        const auto rows = jsonNumberIn(object.value(u"rows"_s), 1, MaxTerminalSide);
        if (!cols || !rows) {
            control.problem
                = u"resize: %1 must be a whole number from 1 to %2"_s.arg(cols ? u"rows"_s : u"cols"_s)
                      .arg(MaxTerminalSide);
            return control;
        }
        control.kind = PtyControl::Kind::Resize;
        control.cols = *cols;
        control.rows = *rows;
        return control;
    }
    if (type == u"signal"_s) {
        const auto signal = jsonNumberIn(object.value(u"signal"_s), 1, 31);
        if (!signal) {
            control.problem = u"signal: signal must be a whole number from 1 to 31"_s;
            return control;
        }
        control.kind = PtyControl::Kind::Signal;
        control.signal = *signal;
        return control;
    }
    control.kind = PtyControl::Kind::Unknown;
    return control;
}

} // namespace OrkestrLocal
