import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import type { Role } from '../../gql/graphql';
import { payloadOf, placeError } from '../../lib/errors';
import { useFieldErrors } from '../../lib/useFieldErrors';
import { useFormValues } from '../../lib/useFormValues';
import { CreateReviewerMutation } from './operations';

const ROLES: ReadonlyArray<{ value: Role; label: string }> = [
  { value: 'REVIEWER', label: 'Reviewer' },
  { value: 'VIEWER', label: 'Viewer' },
  { value: 'ADMIN', label: 'Admin' },
];

type ReviewerField = 'email' | 'displayName' | 'password' | 'role';

interface NewReviewer {
  email: string;
  displayName: string;
  password: string;
  role: Role;
}

const EMPTY: NewReviewer = { email: '', displayName: '', password: '', role: 'REVIEWER' };

/** Creates a reviewer account with a first password the admin passes on. */
export function AddReviewerForm() {
  const { values, setValues, set, text } = useFormValues(EMPTY);
  const { errors, setErrors } = useFieldErrors<ReviewerField>();
  const [added, setAdded] = useState<string | null>(null);
  const [state, createReviewer] = useMutation(CreateReviewerMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setAdded(null);
    const result = await createReviewer({
      input: {
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        password: values.password,
        role: values.role,
      },
    });
    const outcome = payloadOf(result, 'createReviewer', (form) => setErrors({ form }));
    if (!outcome) return;
    if (outcome.__typename === 'ValidationError')
      return setErrors(placeError(outcome, ['email', 'displayName', 'password', 'role']));
    // The list is fetched again, in the server's order (see cache.ts).
    setValues(EMPTY);
    setAdded(`Added ${outcome.reviewer.displayName} (${outcome.reviewer.email}).`);
  };

  const incomplete = values.email.trim() === '' || values.displayName.trim() === '' || values.password === '';

  return (
    <form className="card team-form" onSubmit={submit} aria-labelledby="add-reviewer-title" noValidate>
      <h2 id="add-reviewer-title">Add reviewer</h2>
      {added && (
        <p className="banner info" role="status">
          {added}
        </p>
      )}
      <Field
        id="team-email"
        label="Email"
        error={errors.email}
        type="email"
        autoComplete="off"
        required
        {...text('email')}
      />
      <Field
        id="team-name"
        label="Name"
        error={errors.displayName}
        autoComplete="off"
        maxLength={100}
        required
        {...text('displayName')}
      />
      <Field
        id="team-password"
        label="Password"
        error={errors.password}
        help={
          <p className="help">
            At least 8 characters. Share it with them privately; they can change it under their name.
          </p>
        }
        type="password"
        autoComplete="new-password"
        required
        {...text('password')}
      />
      <Field id="team-role" label="Role" error={errors.role}>
        {(control) => (
          <select {...control} value={values.role} onChange={(e) => set('role', e.target.value as Role)}>
            {ROLES.map((role) => (
              <option key={role.value} value={role.value}>
                {role.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormError message={errors.form} />
      <button type="submit" className="primary" disabled={state.fetching || incomplete}>
        {state.fetching ? 'Adding…' : 'Add reviewer'}
      </button>
    </form>
  );
}
