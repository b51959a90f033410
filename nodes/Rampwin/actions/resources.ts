import * as contact from './contact/Contact.resource';
import { nodeProperties, nodeSubtitle } from './descriptions';
import * as message from './message/Message.resource';
import * as template from './template/Template.resource';

export const resources = { contact, message, template };

export const properties = nodeProperties(resources, 'contact');

export const subtitle = nodeSubtitle(resources);
