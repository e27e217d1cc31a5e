#include "server/atomicfile.h"

#include <QSaveFile>

namespace OrkestrLocal {

bool writeFileAtomically(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions,
                         QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    // Set before any byte is written: a secret never exists with wider permissions.
    file.setPermissions(permissions);
    if (file.write(data) != data.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace OrkestrLocal
