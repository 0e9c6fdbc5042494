import { builder } from '../builder.js';
import './errors.js';
import './reviewer.js';
import './health.js';
import './contact.js';
import './profile.js';
import './draft.js';
import './undo.js';
import './presence.js';
import './sandbox.js';
import './memory.js';
import './persona.js';
import './failed-job.js';
import './insights.js';
import './audit.js';

export const schema = builder.toSchema({ sortSchema: true });
