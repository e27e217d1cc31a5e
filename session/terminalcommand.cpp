#include "session/terminalcommand.h"

using namespace Qt::StringLiterals;

namespace OrkestrSession {

namespace {

// The trailer up to the nonce. The blank line ends a typed line that ends in a backslash; the
// marker is written with printf escapes so that the command itself never contains it.
constexpr QStringView TrailerStart = u"\n\n__orkestr_rc=$?; printf '\\036ORK%s\\036' ";
// /proc/$$/environ is what the shell started with (a shell never rewrites it); cat's own
// environment is what the shell exports now. `command -p` finds cat whatever PATH became.
constexpr QStringView TrailerEnd
    = u"; pwd; command -p cat /proc/$$/environ; printf '\\036'; command -p cat /proc/self/environ; "
      "exit $__orkestr_rc";

QString nonceText(quint64 nonce)
{
    return u"%1"_s.arg(qulonglong(nonce), 16, 16, QLatin1Char('0'));
}

QString trailer(quint64 nonce)
{
    return TrailerStart.toString() + nonceText(nonce) + TrailerEnd.toString();
}

QMap<QString, QString> parseEnviron(QStringView text)
{
    QMap<QString, QString> variables;
    for (const QStringView entry : text.split(QChar(0), Qt::SkipEmptyParts)) {
        const qsizetype equals = entry.indexOf(u'=');
        if (equals > 0)
            variables.insert(entry.left(equals).toString(), entry.mid(equals + 1).toString());
    }
    return variables;
}

// Variables the shell sets by itself: carrying them over would only repeat its own work. And
// names an exec's env cannot carry (the contract's names are shell identifiers).
bool isCarried(const QString &name)
{
    if (name == u"PWD" || name == u"SHLVL" || name == u"_")
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool letter = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'_';
        if (!letter && !(i > 0 && c >= u'0' && c <= u'9'))
            return false;
    }
    return !name.isEmpty();
}

} // namespace

QString TerminalCommand::wrap(const QString &typed, quint64 nonce)
{
    return typed + trailer(nonce);
}

QString TerminalCommand::marker(quint64 nonce)
{
    return u"\x1eORK"_s + nonceText(nonce) + u"\x1e"_s;
}

QString TerminalCommand::commandTyped(const QString &command)
{
    const qsizetype at = command.lastIndexOf(TrailerStart);
    if (at < 0)
        return command;
    bool ok = false;
    const quint64 nonce = QStringView(command).mid(at + TrailerStart.size(), 16).toULongLong(&ok, 16);
    if (!ok || QStringView(command).mid(at) != trailer(nonce))
        return command;
    return command.left(at);
}

std::optional<TerminalCommand::State> TerminalCommand::parseTrailer(const QString &trailer)
{
    const qsizetype newline = trailer.indexOf(u'\n');
    const qsizetype separator = trailer.indexOf(QChar(0x1e), newline + 1);
    if (newline < 0 || separator < 0 || !trailer.startsWith(u'/'))
        return std::nullopt;
    State state;
    state.cwd = trailer.left(newline);
    state.started = parseEnviron(QStringView(trailer).mid(newline + 1, separator - newline - 1));
    state.ended = parseEnviron(QStringView(trailer).mid(separator + 1));
    // Without cat's answer (cut short) nothing can be said about the variables.
    if (state.ended.isEmpty())
        return std::nullopt;
    return state;
}

QMap<QString, QString> TerminalCommand::nextEnv(const QMap<QString, QString> &sent, const State &state)
{
    QMap<QString, QString> next = sent;
    for (auto it = state.ended.cbegin(); it != state.ended.cend(); ++it) {
        if (!isCarried(it.key()))
            continue;
        const auto before = state.started.constFind(it.key());
        if (before == state.started.cend() || *before != it.value())
            next.insert(it.key(), it.value());
    }
    // An unset variable is forgotten (one the sandbox itself sets comes back: see docs/api.md).
    for (auto it = next.begin(); it != next.end();) {
        if (!state.ended.contains(it.key()))
            it = next.erase(it);
        else
            ++it;
    }
    return next;
}

} // namespace OrkestrSession
