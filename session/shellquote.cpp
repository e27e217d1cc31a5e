#include "session/shellquote.h"

using namespace Qt::StringLiterals;

namespace OrkestrSession {

QString shellQuote(const QString &word)
{
    // Single quotes keep everything literal; a single quote itself ends, escapes and reopens.
    QString quoted = word;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QString shellCommand(const QStringList &words)
{
    QStringList quoted;
    quoted.reserve(words.size());
    for (const QString &word : words)
        quoted.append(shellQuote(word));
    return quoted.join(u' ');
}

} // namespace OrkestrSession
