#pragma once

#include <QString>
#include <QStringList>

namespace OrkestrSession {

// POSIX sh quoting for the commands that run through the exec API (`sh -c`): each word becomes one
// literal argument, whatever it holds (spaces, quotes, `$()`, backticks, newlines, unicode). A NUL
// cannot be passed at all; callers refuse such names before they get here.
QString shellQuote(const QString &word);
// A command of literal words, e.g. {"mv", "-T", "--", from, to}: every word quoted, space-joined.
QString shellCommand(const QStringList &words);

} // namespace OrkestrSession
