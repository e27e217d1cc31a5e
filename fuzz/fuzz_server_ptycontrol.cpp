// fuzz_server_ptycontrol: orkestr-local's parsing of the interactive terminal
// (GET .../pty?cols=&rows=&cwd=&command=, and the client's JSON text frames).
//
// Input: a first line that is a URL query string (the part after '?'), the rest one text frame.
// Properties: an accepted query has cols and rows 1..1000 (80x24 when absent), an absolute cwd
// (/workspace when absent) and a command that is empty only when absent, none holding a NUL;
// every refusal is 400 invalid_request naming a field the query has. A frame parses the same
// every time; resize has cols and rows 1..1000 and signal 1..31, as the frame's own fields say;
// unknown is a JSON object whose string type is neither; anything else is invalid with a reason
// that fits a WebSocket close frame (at most 123 bytes of UTF-8).

#include "fuzz/fuzzinput.h"
#include "server/ptyprotocol.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace OrkestrFuzz;
using namespace OrkestrLocal;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const QUrlQuery query(QString::fromUtf8(input.line()));
    const QByteArray frame = input.rest();

    PtyRequest request;
    if (const auto problem = parsePtyQuery(query, &request)) {
        FUZZ_CHECK(problem->status == 400 && problem->type == u"invalid_request"_s);
        const QString field = problem->extra.value(u"field"_s).toString();
        FUZZ_CHECK(QStringList({u"cols"_s, u"rows"_s, u"cwd"_s, u"command"_s}).contains(field));
        FUZZ_CHECK(query.hasQueryItem(field));
    } else {
        FUZZ_CHECK(request.cols >= 1 && request.cols <= 1000 && request.rows >= 1 && request.rows <= 1000);
        FUZZ_CHECK(query.hasQueryItem(u"cols"_s) || request.cols == 80);
        FUZZ_CHECK(query.hasQueryItem(u"rows"_s) || request.rows == 24);
        FUZZ_CHECK(request.cwd.startsWith(u'/') && !request.cwd.contains(QChar(0)));
        FUZZ_CHECK(query.hasQueryItem(u"cwd"_s) || request.cwd == u"/workspace"_s);
        FUZZ_CHECK(request.command.isEmpty() == !query.hasQueryItem(u"command"_s));
        FUZZ_CHECK(!request.command.contains(QChar(0)));
    }

    const PtyControl control = parsePtyControl(frame);
    const PtyControl again = parsePtyControl(frame);
    FUZZ_CHECK(control.kind == again.kind && control.cols == again.cols && control.rows == again.rows
               && control.signal == again.signal && control.problem == again.problem);
    const QJsonObject object = QJsonDocument::fromJson(frame).object();
    const QString type = object.value(u"type"_s).toString();
    switch (control.kind) {
    case PtyControl::Kind::Resize:
        FUZZ_CHECK(type == u"resize"_s);
        FUZZ_CHECK(control.cols >= 1 && control.cols <= 1000 && control.rows >= 1 && control.rows <= 1000);
        FUZZ_CHECK(object.value(u"cols"_s).toInteger() == control.cols);
        FUZZ_CHECK(object.value(u"rows"_s).toInteger() == control.rows);
        break;
    case PtyControl::Kind::Signal:
        FUZZ_CHECK(type == u"signal"_s);
        FUZZ_CHECK(control.signal >= 1 && control.signal <= 31);
        FUZZ_CHECK(object.value(u"signal"_s).toInteger() == control.signal);
        break;
    case PtyControl::Kind::Unknown:
        FUZZ_CHECK(object.value(u"type"_s).isString() && type != u"resize"_s && type != u"signal"_s);
        FUZZ_CHECK(control.problem.isEmpty());
        break;
    case PtyControl::Kind::Invalid:
        FUZZ_CHECK(!control.problem.isEmpty() && control.problem.toUtf8().size() <= 123);
        break;
    }
    return 0;
}
