#pragma once

#include <QString>

// Paths inside a sandbox, as the files API takes them: absolute, '/'-separated, no trailing '/'.
namespace OrkestrSession::RemotePath {

// Writes are possible under this root only.
inline const QString Home = QStringLiteral("/workspace");

// Absolute, without doubled or trailing slashes ("workspace//a/" is "/workspace/a"). Spaces are
// kept: they may be part of a name.
QString clean(const QString &path);
QString join(const QString &directory, const QString &name);
QString parent(const QString &path);
QString fileName(const QString &path);
// True for Home and what is below it.
bool isWritable(const QString &path);
// Checks a file or folder name typed by the user: not empty, not "." or "..", no "/" or NUL.
// Returns the reason it is refused, or an empty string.
QString nameError(const QString &name);

} // namespace OrkestrSession::RemotePath
