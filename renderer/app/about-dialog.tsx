import { Modal } from '../components/modal.js';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal
      title="About Portside"
      size="small"
      onCancel={onClose}
      onConfirm={onClose}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>Portside — a fast, safe FTP and FTPS client, with active and passive mode done right.</p>
    </Modal>
  );
}
