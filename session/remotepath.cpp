#include "session/remotepath.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace OrkestrSession::RemotePath {

QString clean(const QString &path)
{
    QString clean = path;
    if (!clean.startsWith(u'/'))
        clean.prepend(u'/');
    while (clean.contains(u"//"_s))
        clean.replace(u"//"_s, u"/"_s);
    if (clean.size() > 1 && clean.endsWith(u'/'))
        clean.chop(1);
    return clean;
}

QString join(const QString &directory, const QString &name)
{
    return directory.endsWith(u'/') ? directory + name : directory + u'/' + name;
}

QString parent(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash <= 0 ? u"/"_s : path.left(slash);
}

QString fileName(const QString &path)
{
    return path.mid(path.lastIndexOf(u'/') + 1);
}

bool isWritable(const QString &path)
{
    const QString cleaned = clean(path);
    return cleaned == Home || cleaned.startsWith(Home + u'/');
}

QString nameError(const QString &name)
{
    if (name.trimmed().isEmpty())
        return QCoreApplication::translate("OrkestrSession::RemotePath", "A name is required.");
    if (name == u"."_s || name == u".."_s)
        return QCoreApplication::translate("OrkestrSession::RemotePath", "“%1” is not a valid name.")
            .arg(name);
    if (name.contains(u'/'))
        return QCoreApplication::translate(
                   "OrkestrSession::RemotePath",
                   "“%1” is not a valid name: a name cannot contain “/” (no paths such as “../x”).")
            .arg(name);
    if (name.contains(QChar(0)))
        return QCoreApplication::translate("OrkestrSession::RemotePath",
                                           "A name cannot contain a NUL character.");
    return {};
}

} // namespace OrkestrSession::RemotePath
