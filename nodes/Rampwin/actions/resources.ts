import * as contact from './contact/Contact.resource';
import { nodeProperties } from './descriptions';
import * as message from './message/Message.resource';

export const resources = { contact, message };

export const properties = nodeProperties(resources, 'contact');
