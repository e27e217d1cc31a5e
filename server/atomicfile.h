#pragma once

#include <QByteArray>
#include <QFileDevice>
#include <QString>

namespace OrkestrLocal {

// Writes a whole file through a temporary file and a rename, so that a crash leaves either the
// old file or the new one, never a torn mix. The data is flushed to disk before the rename.
bool writeFileAtomically(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions,
                         QString *error);

} // namespace OrkestrLocal
