#pragma once

#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;

namespace OrkestrUi {

// The details of an event other than an exec: its fields as "name: value" lines, a sentence
// that explains it (what the network policy refused and why, that a file is gone), and the one
// action it has: "Open in Files" for a file, "Copy request id" for a failed request.
class EventDetails : public QWidget
{
    Q_OBJECT
public:
    explicit EventDetails(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    // Label and value lines, in order.
    void setFields(const QList<std::pair<QString, QString>> &fields);
    void setExplanation(const QString &text);
    QString explanation() const;
    // A file to open (empty: no file); `exists` false says it is gone instead of offering it.
    void setFile(const QString &path, bool exists);
    // The request id to copy (empty: none).
    void setRequestId(const QString &requestId);

    QPushButton *openFileButton() const { return m_openFile; }
    QPushButton *copyRequestIdButton() const { return m_copyRequestId; }

Q_SIGNALS:
    void openFileRequested(const QString &path);

private:
    QLabel *m_title;
    QFormLayout *m_form;
    QLabel *m_explanation;
    QPushButton *m_openFile;
    QPushButton *m_copyRequestId;
    QString m_path;
    QString m_requestId;
};

} // namespace OrkestrUi
