#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QListWidget;
class QLabel;

namespace OrkestrUi {

class ConnectionManager;
class ProfileStore;

// Add, edit and remove connection profiles. Tokens typed here go to the keychain (through the
// connection manager's vault), never to the settings file.
class ProfileDialog : public QDialog
{
    Q_OBJECT
public:
    ProfileDialog(ProfileStore *profiles, ConnectionManager *connections, QWidget *parent = nullptr);

private:
    void reloadList(const QString &selectId = {});
    void showProfile(const QString &id);
    void saveCurrent();
    void addProfile();
    void removeCurrent();

    ProfileStore *m_profiles;
    ConnectionManager *m_connections;
    QString m_editingId;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QCheckBox *m_inspectOnly;
    QCheckBox *m_insecure;
    QLabel *m_message;
};

} // namespace OrkestrUi
