import { Icon } from '../components/icons.js';
import { InertText } from '../components/inert-text.js';
import { useNoticesStore } from '../stores/notices-store.js';

/**
 * 'app:notice' events and failures nobody else reports, as dismissible banners at the top
 * of the work area. Errors and warnings are alerts; information is a polite status.
 */
export function NoticeArea() {
  const notices = useNoticesStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div
          key={notice.id}
          role={notice.level === 'info' ? 'status' : 'alert'}
          className={`notice notice-${notice.level}`}
        >
          <Icon name={notice.level === 'info' ? 'info' : 'warning'} className="notice-icon" />
          <p className="notice-text">
            <InertText text={notice.message} />
          </p>
          <button
            type="button"
            className="icon-btn icon-btn-small"
            aria-label="Dismiss"
            onClick={() => useNoticesStore.getState().dismiss(notice.id)}
          >
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  );
}
