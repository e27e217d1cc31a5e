#pragma once

#include <QMetaType>
#include <QString>
#include <QUrl>

namespace OrkestrUi {

// A named connection: where to connect and how. The token is not part of it: it lives in the
// system keychain (TokenVault), or in memory for the embedded server.
struct ConnectionProfile
{
    QString id; // stable key, also the keychain entry's name
    QString name; // shown to the user, e.g. "customer X (support)"
    QUrl baseUrl;
    bool embedded = false; // the orkestr-local that the app starts itself
    bool inspectOnly = false; // disables every write action, whatever the token allows
    bool allowInsecureHttp = false;

    bool isValid() const { return !id.isEmpty() && (embedded || baseUrl.isValid()); }
    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

} // namespace OrkestrUi

Q_DECLARE_METATYPE(OrkestrUi::ConnectionProfile)
