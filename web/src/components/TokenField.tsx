import { useState } from 'react';
import { token } from '../api';

/** Where to give the write token, when the server asks for one (it is exposed beyond localhost). */
export function TokenField() {
  const [value, setValue] = useState(token.get);
  return (
    <input
      type="password"
      className="token"
      placeholder="token for changes"
      aria-label="API token"
      value={value}
      onChange={(e) => {
        setValue(e.target.value);
        token.set(e.target.value);
      }}
    />
  );
}
