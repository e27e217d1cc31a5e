#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace OrkestrSession {
class ActivityStore;
class ActivityTimelineModel;
class Session;
} // namespace OrkestrSession

namespace OrkestrUi {

class ActivityDetails;
class ActivityExportPanel;
class ActivityRowDelegate;
class ActivityTimelineView;

// The Activity tab of the sandbox view: the sandbox's journal as a live timeline (filtered by kind
// family, failures only, or a search in commands and paths) above the details of the selected
// event, and Export… of it all. The events and their rules are the session's (ActivityStore,
// ActivityTimelineModel); this shows them. A server without a journal gets a sentence instead of
// an error.
class ActivityTab : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityTab(OrkestrSession::Session *session, QWidget *parent = nullptr);
    ~ActivityTab() override;

    QString sandboxId() const { return m_sandboxId; }
    // Empty: nothing to show.
    void showSandbox(const QString &sandboxId);
    void setReadOnly(bool readOnly);
    // Selects the exec's start in the timeline (the filters cleared if they hide it); when the
    // journal is still loading, once it is in. False when the shown journal does not hold it.
    bool showExec(const QString &execId);

    ActivityTimelineView *timeline() const { return m_timeline; }
    OrkestrSession::ActivityTimelineModel *model() const { return m_model.get(); }
    ActivityDetails *details() const { return m_details; }
    // The sentence shown instead of the timeline (loading, unsupported, failed); empty when the
    // timeline is shown.
    QString stateText() const;
    QComboBox *familyFilter() const { return m_family; }
    QCheckBox *failuresOnly() const { return m_failures; }
    QLineEdit *search() const { return m_search; }
    ActivityExportPanel *exportPanel() const { return m_export; }

Q_SIGNALS:
    void openFileRequested(const QString &sandboxId, const QString &path);
    void runRequested(const QString &sandboxId, const QString &command, const QString &cwd);
    void message(const QString &text);

private:
    void updateState();
    void applyFamily();
    void onCurrentChanged();
    bool selectExec(const QString &execId);

    OrkestrSession::Session *m_session;
    QString m_sandboxId;
    QString m_pendingExec; // to select once the journal is in
    std::shared_ptr<OrkestrSession::ActivityStore> m_store;
    std::unique_ptr<OrkestrSession::ActivityTimelineModel> m_model;
    QSplitter *m_split;
    ActivityTimelineView *m_timeline;
    ActivityRowDelegate *m_delegate;
    ActivityDetails *m_details;
    ActivityExportPanel *m_export;
    QStackedWidget *m_stack;
    QLabel *m_state;
    QPushButton *m_retry;
    QWidget *m_statePage;
    // The filter bar above the timeline.
    QComboBox *m_family;
    QCheckBox *m_failures;
    QLineEdit *m_search;
    QToolButton *m_exportButton;
};

} // namespace OrkestrUi
