import { CheckPanel } from './CheckPanel.js';
import { OwnInterests } from './OwnInterests.js';
import { RegisterForm } from './RegisterForm.js';

/** Deconfliction: register your interests, check values against others', manage your own. */
export function DeconflictPage() {
  return (
    <div className="page">
      <h1>Deconfliction</h1>
      <div className="grid two">
        <CheckPanel />
        <RegisterForm />
      </div>
      <OwnInterests />
    </div>
  );
}
