#pragma once

#include <QMap>
#include <QString>

#include <optional>

namespace OrkestrSession {

// The exec that the Commands terminal sends for one typed line, and the reading of it back.
//
// Each exec is a fresh /bin/sh, so the terminal carries its state between lines: the directory as
// the exec's `cwd`, the variables the user exported as its `env` (so their values are never
// journaled, unlike the command), and after the typed line a trailer that prints a marker unique
// to the terminal, then `pwd`, the shell's environment at its start and at the end. The command
// thus starts with exactly what the user typed; commandTyped() gives that part back for the
// Activity timeline, "copy command" and "run again".
class TerminalCommand
{
public:
    // The command sent for `typed`; `nonce` is the terminal's marker nonce (16 hex digits).
    static QString wrap(const QString &typed, quint64 nonce);
    // The marker that starts the trailer's output for `nonce`.
    static QString marker(quint64 nonce);
    // What the user typed, when `command` is a terminal's wrapped command; else `command` itself.
    static QString commandTyped(const QString &command);

    // The state a trailer reported, after its marker.
    struct State
    {
        QString cwd;
        QMap<QString, QString> started; // the environment the shell started with
        QMap<QString, QString> ended; // the exported variables when the command ended
    };
    // Parses what followed the marker; nullopt when it is cut short (the shell did not get there).
    static std::optional<State> parseTrailer(const QString &trailer);
    // The variables to set for the next command: `sent` updated with what the command changed
    // (set, changed or unset), apart from the ones the shell manages itself.
    static QMap<QString, QString> nextEnv(const QMap<QString, QString> &sent, const State &state);
};

} // namespace OrkestrSession
