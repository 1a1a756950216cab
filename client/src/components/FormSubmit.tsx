// The end of a form: a problem with the form as a whole (announced), and the submit button with its busy label.

export function FormSubmit(props: { problem: string | undefined; busy: boolean; label: string; busyLabel: string }) {
  return (
    <>
      {props.problem && (
        <p className="error" role="alert">
          {props.problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={props.busy}>
        {props.busy ? props.busyLabel : props.label}
      </button>
    </>
  );
}
