#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace OrkestrSession {
class PolledStore;
}

namespace OrkestrUi {

// What a tab shows instead of its content while there is none: one centred sentence (loading, not
// supported by this server, failed with the request id) and, after a failure, a button to try again.
class StatePage : public QWidget
{
    Q_OBJECT
public:
    // `name` prefixes the object names of the label and the button (e.g. "metrics": metricsState,
    // metricsRetry); `retryName` is what a screen reader says for the button.
    StatePage(const QString &name, const QString &retryName, QWidget *parent = nullptr);

    // The sentences for the states of a store a tab shows (%1: the error, with its request id).
    struct Texts
    {
        QString noSandbox; // no store: nothing selected
        QString loading;
        QString notRunning; // empty: a sandbox that does not run keeps what was loaded
        QString unsupported;
        QString retrying; // failed before anything was loaded, trying again (%1)
        QString failed; // failed, no more tries until Try again (%1)
    };
    // Says what the store's state means, with Try again after a failure. False when there is
    // nothing to say: the store has loaded and the content should show.
    bool showState(const OrkestrSession::PolledStore *store, bool loaded, const Texts &texts);

    void setText(const QString &text);
    QString text() const;
    void setRetryVisible(bool visible);
    QPushButton *retryButton() const { return m_retry; }

Q_SIGNALS:
    void retryRequested();

private:
    QLabel *m_label;
    QPushButton *m_retry;
};

} // namespace OrkestrUi
